import { query } from '@solidjs/router'
import { api } from '../../lib/runtime.ts'

// Parent–child links' calls to the api function.

/** The caller's linked children at a school, each with the courses they are enrolled in (parents). */
export const getChildren = query(
  (tenantId: string) => api().get('/tenants/:tenantId/children', { params: { tenantId } }),
  'children',
)

/** One parent's children or one student's parents (admins). */
export const listLinks = (tenantId: string, filter: { parent_id?: string; student_id?: string }) =>
  api().get('/tenants/:tenantId/guardian-links', { params: { tenantId }, query: filter })

/** Links a parent to a child (admins). */
export const linkChild = (tenantId: string, parentId: string, studentId: string) =>
  api().post(
    '/tenants/:tenantId/guardian-links',
    { parent_id: parentId, student_id: studentId },
    { params: { tenantId } },
  )

/** Removes a parent–child link (admins). */
export const unlinkChild = (tenantId: string, parentId: string, studentId: string) =>
  api().delete('/tenants/:tenantId/guardian-links/:parentId/:studentId', {
    params: { tenantId, parentId, studentId },
  })
