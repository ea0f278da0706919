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

/** A linked child's courses, progress, released grades, sessions, attendance and tutor flags (parents). */
export const getChildOverview = query(
  (tenantId: string, studentId: string) =>
    api().get('/tenants/:tenantId/children/:studentId', { params: { tenantId, studentId } }),
  'childOverview',
)

/** Guardian invitations: a school's (admins), or the caller's own (a student); one student's with `studentId`. */
export const getGuardianInvitations = query(
  (tenantId: string, studentId?: string) =>
    api().get('/tenants/:tenantId/guardian-invitations', {
      params: { tenantId },
      query: studentId ? { student_id: studentId } : {},
    }),
  'guardianInvitations',
)

/** Invites a parent for a child: by email (admins; a student for themself) or an existing parent (admins). */
export const inviteGuardian = (
  tenantId: string,
  body: { student_id: string; email?: string; parent_id?: string },
) => api().post('/tenants/:tenantId/guardian-invitations', body, { params: { tenantId } })

/** Revokes a guardian invitation that was not accepted. */
export const revokeGuardianInvitation = (tenantId: string, invitationId: string) =>
  api().delete('/tenants/:tenantId/guardian-invitations/:invitationId', {
    params: { tenantId, invitationId },
  })

/** What a guardian invitation link is for (no sign-in needed). */
export const getGuardianInvitationPreview = query(
  (token: string) => api().get('/guardian-invitations/preview', { query: { token } }),
  'guardianInvitationPreview',
)

/** Accepts a guardian invitation as the signed-in user. */
export const acceptGuardianInvitation = (token: string) =>
  api().post('/guardian-invitations/accept', { token })
