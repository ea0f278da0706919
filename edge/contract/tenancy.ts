import { z } from 'zod'
import { TENANT_ROLES } from './roles.ts'

export { TENANT_ROLES }
export const TenantRole = z.enum(TENANT_ROLES)
export type TenantRole = z.infer<typeof TenantRole>

export const Uuid = z.uuid()

export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Use at least 3 characters.')
  .max(48, 'Use at most 48 characters.')
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'Use lowercase letters, digits and dashes, not at the ends.')

export const TenantName = z
  .string()
  .trim()
  .min(2, 'Use at least 2 characters.')
  .max(100, 'Use at most 100 characters.')

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email('Enter a valid email address.'))

let zones: Set<string> | undefined
/** True for an IANA time zone the runtime knows (Intl's list, plus UTC which it leaves out). */
export function isTimeZone(name: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])
  return zones.has(name)
}

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'Choose a time zone from the list, e.g. Africa/Nairobi.')

export const Tenant = z.object({
  id: Uuid,
  name: z.string(),
  slug: z.string(),
  time_zone: z.string(),
  created_at: z.string(),
  /** The caller's role; null when a platform super-admin looks at a school they do not belong to. */
  role: TenantRole.nullable().optional(),
  /** Owners and admins must sign in with a second step (TOTP) to change the school or its members. */
  require_mfa_for_admins: z.boolean().optional(),
})
export type Tenant = z.infer<typeof Tenant>
export const TenantList = z.array(Tenant)

export const CreateTenantBody = z.strictObject({ name: TenantName, slug: Slug })
export type CreateTenantBody = z.infer<typeof CreateTenantBody>

export const UpdateTenantBody = z
  .strictObject({
    name: TenantName.optional(),
    slug: Slug.optional(),
    time_zone: TimeZone.optional(),
    require_mfa_for_admins: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field to change.')
export type UpdateTenantBody = z.infer<typeof UpdateTenantBody>

export const Membership = z.object({
  tenant_id: Uuid,
  tenant_name: z.string(),
  tenant_slug: z.string(),
  role: TenantRole,
})
export type Membership = z.infer<typeof Membership>

export const MeResponse = z.object({
  user: z.object({
    id: Uuid,
    email: z.string(),
    display_name: z.string(),
    platform_role: z.string().nullable(),
    created_at: z.string(),
  }),
  memberships: z.array(Membership),
})
export type MeResponse = z.infer<typeof MeResponse>

export const Member = z.object({
  user_id: Uuid,
  /** Null unless it is the caller's own, or they are an owner/admin, or support staff and the member opened a ticket. */
  email: z.string().nullable(),
  display_name: z.string(),
  /** Their picture (`avatars/<user id>/<file>`), or null. */
  avatar_path: z.string().nullable().optional(),
  role: TenantRole,
  joined_at: z.string(),
})
export type Member = z.infer<typeof Member>
export const MemberList = z.array(Member)

/** Members the search page asks for at most at once. */
export const MEMBER_PAGE_MAX = 100

/** GET /tenants/:id/members/search: name or (visible) email contains `q`, any case; one role; a page. */
export const MemberSearchQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: TenantRole.optional(),
  limit: z.coerce.number().int().min(1).max(MEMBER_PAGE_MAX).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type MemberSearchQuery = z.input<typeof MemberSearchQuery>

/** One page of a member search, with how many members match in all. */
export const MemberPage = z.object({ members: MemberList, total: z.number().int().nonnegative() })
export type MemberPage = z.infer<typeof MemberPage>

/** How many members a school has, in all and per role (every role present, 0 when none). */
export const MemberCounts = z.object({
  total: z.number().int().nonnegative(),
  by_role: z.object({
    owner: z.number().int().nonnegative(),
    admin: z.number().int().nonnegative(),
    instructor: z.number().int().nonnegative(),
    staff: z.number().int().nonnegative(),
    student: z.number().int().nonnegative(),
    parent: z.number().int().nonnegative(),
    partner: z.number().int().nonnegative(),
  }),
})
export type MemberCounts = z.infer<typeof MemberCounts>

export const UpdateMemberBody = z.strictObject({ role: TenantRole })
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>

export const Invitation = z.object({
  id: Uuid,
  tenant_id: Uuid,
  email: z.string(),
  role: TenantRole,
  invited_by: Uuid.nullable(),
  expires_at: z.string(),
  accepted_at: z.string().nullable(),
  created_at: z.string(),
  status: z.enum(['pending', 'accepted', 'expired']),
})
export type Invitation = z.infer<typeof Invitation>
export const InvitationList = z.array(Invitation)

/** A new invitation, with the one-time link (shown to the inviter once; only its hash is stored). */
export const CreatedInvitation = Invitation.extend({ invite_url: z.string() })
export type CreatedInvitation = z.infer<typeof CreatedInvitation>

/** What the invite page shows before sign-in: who invited whom to which school, and whether it still works. */
export const InvitationPreview = z.object({
  tenant_name: z.string(),
  tenant_slug: z.string(),
  email: z.string(),
  role: TenantRole,
  inviter_name: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'expired']),
  expires_at: z.string(),
})
export type InvitationPreview = z.infer<typeof InvitationPreview>
export const InvitationPreviewQuery = z.object({ token: z.string().min(16).max(200) })

export const CreateInvitationBody = z.strictObject({ email: Email, role: TenantRole })
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>

export const AcceptInvitationBody = z.strictObject({ token: z.string().min(16).max(200) })
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>

export const AcceptInvitationResponse = Membership
export type AcceptInvitationResponse = z.infer<typeof AcceptInvitationResponse>

export const AdminTenant = Tenant.extend({
  member_count: z.number().int(),
  owner_emails: z.array(z.string()),
})
export type AdminTenant = z.infer<typeof AdminTenant>
export const AdminTenantsResponse = z.object({ tenants: z.array(AdminTenant), total: z.number().int() })
export type AdminTenantsResponse = z.infer<typeof AdminTenantsResponse>

export const AdminTenantsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export type AdminTenantsQuery = z.infer<typeof AdminTenantsQuery>

export const Health = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'down']) })
export type Health = z.infer<typeof Health>
