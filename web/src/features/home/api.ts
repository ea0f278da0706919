import { query } from '@solidjs/router'
import { api } from '../../lib/runtime.ts'

// Loaders of the home pages: one request per home.

/** A student's home in a school: their courses with progress, next sessions, recent tickets. */
export const getStudentHome = query(
  (tenantId: string) => api().get('/tenants/:id/home/student', { params: { id: tenantId } }),
  'studentHome',
)

/** A teacher's home: courses they write, drafts to publish, sessions they teach, people waiting. */
export const getTeacherHome = query(
  (tenantId: string) => api().get('/tenants/:id/home/teacher', { params: { id: tenantId } }),
  'teacherHome',
)

/** A support agent's home: the queue at a glance and their own tickets. */
export const getStaffHome = query(
  (tenantId: string) => api().get('/tenants/:id/home/staff', { params: { id: tenantId } }),
  'staffHome',
)

/** An owner's or admin's home: the school's health this week. */
export const getAdminHome = query(
  (tenantId: string) => api().get('/tenants/:id/home/admin', { params: { id: tenantId } }),
  'adminHome',
)
