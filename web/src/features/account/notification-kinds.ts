import {
  NOTIFICATION_KINDS,
  type NotificationKindValue,
} from '../../../../edge/contract/notification-values.ts'
import { ADMIN_ROLES, inRoleGroup, SUPPORT_ROLES } from '../../../../edge/contract/roles.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'

/** Kinds only some roles ever receive (every other kind may reach anyone). */
const ONLY_FOR: Partial<Record<NotificationKindValue, (role: TenantRole) => boolean>> = {
  ticket_assigned: (r) => inRoleGroup(SUPPORT_ROLES, r),
  sla_warning: (r) => inRoleGroup(SUPPORT_ROLES, r),
  sla_breach: (r) => inRoleGroup(SUPPORT_ROLES, r),
  session_booked: (r) => r === 'instructor' || inRoleGroup(ADMIN_ROLES, r),
  invitation_accepted: (r) => inRoleGroup(ADMIN_ROLES, r),
  tutor_flagged: (r) => r === 'instructor' || inRoleGroup(ADMIN_ROLES, r),
  forum_review: (r) => r === 'instructor' || inRoleGroup(ADMIN_ROLES, r),
  lesson_question: (r) => r === 'instructor' || inRoleGroup(ADMIN_ROLES, r),
  weekly_digest: (r) => r === 'parent',
  school_report: (r) => inRoleGroup(ADMIN_ROLES, r),
  logbook_comment: (r) => r === 'student' || r === 'instructor' || inRoleGroup(SUPPORT_ROLES, r),
}

/** The kinds worth a setting for someone with these roles (in any school), in the settings' order. */
export function kindsFor(roles: readonly TenantRole[]): NotificationKindValue[] {
  return NOTIFICATION_KINDS.filter((kind) => {
    const only = ONLY_FOR[kind]
    return !only || roles.some(only)
  })
}
