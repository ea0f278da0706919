import { z } from 'zod'
import * as P from '../pupils.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Pupils without email: a class's pupil accounts, making them, and a new first password.

export const PupilClassParams = z.object({ classId: Uuid })
export const PupilParams = PupilClassParams.extend({ userId: Uuid })

export const listPupilAccounts = route({
  method: 'get',
  path: '/classes/{classId}/pupil-accounts',
  params: PupilClassParams,
  responses: { 200: P.ClassPupilAccounts },
})

export const createPupilAccounts = route({
  method: 'post',
  path: '/classes/{classId}/pupil-accounts',
  params: PupilClassParams,
  body: P.CreatePupilAccountsBody,
  responses: { 201: P.PupilSheet },
})

export const resetPupilPassword = route({
  method: 'post',
  path: '/classes/{classId}/pupil-accounts/{userId}/password-reset',
  params: PupilParams,
  responses: { 200: P.PupilSheet },
})
