import { query } from '@solidjs/router'
import type { ImportRow } from '../../../../edge/contract/classes.ts'
import { api } from '../../lib/runtime.ts'

// Classes' calls to the api function (edge/contract/routes/classes.ts): loaders (router queries)
// and actions, and the student import's two calls.

/** A school's classes as the caller sees them. */
export const getClasses = query(
  (tenantId: string) => api().get('/tenants/:tenantId/classes', { params: { tenantId } }),
  'classes',
)

/** One class with its students and teachers as the caller may see them. */
export const getClass = query(
  (classId: string) => api().get('/classes/:classId', { params: { classId } }),
  'class',
)

export const createClass = (tenantId: string, body: { name: string; grade_level?: string }) =>
  api().post('/tenants/:tenantId/classes', body, { params: { tenantId } })

export const renameClass = (classId: string, name: string) =>
  api().patch('/classes/:classId', { name }, { params: { classId } })

export const deleteClass = (classId: string) => api().delete('/classes/:classId', { params: { classId } })

export const addPeople = (classId: string, kind: 'students' | 'teachers', userIds: string[]) =>
  kind === 'students'
    ? api().post('/classes/:classId/students', { user_ids: userIds }, { params: { classId } })
    : api().post('/classes/:classId/teachers', { user_ids: userIds }, { params: { classId } })

export const removePerson = (classId: string, kind: 'students' | 'teachers', userId: string) =>
  kind === 'students'
    ? api().delete('/classes/:classId/students/:userId', { params: { classId, userId } })
    : api().delete('/classes/:classId/teachers/:userId', { params: { classId, userId } })

export const enrolClass = (classId: string, courseId: string) =>
  api().post('/classes/:classId/enrol', { course_id: courseId }, { params: { classId } })

/** Books every student of a class into a session (its tutor teaching the class, admins). */
export const bookClass = (classId: string, sessionId: string) =>
  api().post('/classes/:classId/bookings', { session_id: sessionId }, { params: { classId } })

export const previewImport = (tenantId: string, rows: ImportRow[]) =>
  api().post('/tenants/:tenantId/student-imports/preview', { rows }, { params: { tenantId } })

export const runImport = (tenantId: string, rows: ImportRow[]) =>
  api().post('/tenants/:tenantId/student-imports', { rows }, { params: { tenantId } })
