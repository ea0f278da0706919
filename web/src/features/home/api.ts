import { query } from '@solidjs/router'
import { api } from '../../lib/runtime.ts'

// Loaders of the home pages: one request per home.

/** A student's home in a school: their courses with progress, next sessions, recent tickets. */
export const getStudentHome = query(
  (tenantId: string) => api().get('/tenants/:id/home/student', { params: { id: tenantId } }),
  'studentHome',
)
