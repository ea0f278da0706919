import { query } from '@solidjs/router'
import type { NewPupil } from '../../../../edge/contract/pupils.ts'
import { api } from '../../lib/runtime.ts'

// Pupils' calls to the api function (edge/contract/routes/pupils.ts).

/** A class's pupil accounts and the school code (admins and the class's teachers). */
export const getPupilAccounts = query(
  (classId: string) => api().get('/classes/:classId/pupil-accounts', { params: { classId } }),
  'pupil-accounts',
)

/** Makes accounts; the answer holds each first password, once. */
export const createPupilAccounts = (classId: string, pupils: NewPupil[]) =>
  api().post('/classes/:classId/pupil-accounts', { pupils }, { params: { classId } })

/** A new first password for one pupil, once. */
export const resetPupilPassword = (classId: string, userId: string) =>
  api().post('/classes/:classId/pupil-accounts/:userId/password-reset', {}, { params: { classId, userId } })
