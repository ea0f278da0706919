import type { AdminSchool, SchoolStatus } from '../../contract/admin.ts'
import * as R from '../../contract/routes/admin.ts'
import type { CreatedInvitation, Tenant } from '../../contract/tenancy.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { onUnique } from '../core/pg-errors.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './admin-schemas.ts'
import './schemas.ts'
import { randomToken, sha256Hex } from './tokens.ts'

// The platform console (issue 17): superadmins list every school with its plan, status, members
// by role and usage, create a school for someone, suspend or reactivate it, and change its plan.
// The database decides who may (public.admin_schools and friends raise 42501 → 403 for anyone but
// a superadmin) and audits every change; supabase/migrations/20261208000000_school_status.sql.

const tags = ['platform admin']

const list = apiRoute(R.listAdminSchools, {
  tags,
  summary: 'Every school with status, plan, members by role and usage this month (superadmins)',
  description:
    '`q` matches anywhere in the name or address, ignoring case; `status` keeps active or suspended schools. ' +
    'Newest first. Usage: AI tutor requests and tokens, minutes of live tutoring started, storage bytes.',
  responses: { 200: 'A page of schools and the total that match.' },
  errors: [400, 401, 403],
})

const create = apiRoute(R.createAdminSchool, {
  tags,
  summary: 'Create a school for someone: the school and an owner invitation (superadmins)',
  description:
    'The school starts without members; the owner invitation is emailed to `owner_email` and its link is ' +
    'returned once (`invitation.invite_url`). Audited.',
  responses: { 201: 'The school and its owner invitation.' },
  errors: [400, 401, 403, 409],
})

const status = apiRoute(R.setAdminSchoolStatus, {
  tags,
  summary: 'Suspend or reactivate a school, with a reason (superadmins)',
  description:
    'While suspended, its members cannot read or write its data (kept intact) and see a notice instead; ' +
    'their live connections are re-checked at once. Audited with before and after.',
  responses: { 200: 'The school as the console lists it.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const plan = apiRoute(R.setAdminSchoolPlan, {
  tags,
  summary: "Change a school's plan by hand, with a reason (superadmins)",
  description:
    'Writes the plan and its limits as a subscription event would. With a Stripe subscription this is a ' +
    'manual override, noted in the audit log: the subscription’s next event sets the plan again.',
  responses: { 200: 'The school as the console lists it.' },
  errors: [400, 401, 403, 404, 422],
})

const schoolStatus = apiRoute(R.getSchoolStatus, {
  tags: ['schools'],
  summary: "A school's status for its members, also while it is suspended",
  description: 'The reason of a suspension only for its owners and admins (and superadmins).',
  responses: { 200: 'The school and its status.' },
  errors: [400, 401, 404],
})

interface SchoolRow extends Omit<AdminSchool, 'usage' | 'created_at' | 'suspended_at'> {
  created_at: Date | string
  suspended_at: Date | string | null
  ai_requests: string
  ai_tokens: string
  video_minutes: string
  storage_bytes: string
  total: number
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d)

function toSchool(r: SchoolRow): AdminSchool {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    time_zone: r.time_zone,
    created_at: iso(r.created_at),
    status: r.status,
    suspended_at: r.suspended_at === null ? null : iso(r.suspended_at),
    suspension_reason: r.suspension_reason,
    plan: r.plan,
    plan_status: r.plan_status,
    stripe_subscribed: r.stripe_subscribed,
    members_by_role: r.members_by_role,
    member_count: r.member_count,
    owner_emails: r.owner_emails,
    usage: {
      ai_requests: Number(r.ai_requests),
      ai_tokens: Number(r.ai_tokens),
      video_minutes: Number(r.video_minutes),
      storage_bytes: Number(r.storage_bytes),
    },
  }
}

/** One school as the console lists it (after a change, in the same transaction). */
async function readSchool(tx: Tx, id: string): Promise<AdminSchool> {
  const [row] = await tx<SchoolRow[]>`select * from public.admin_schools(null, null, 1, 0, ${id}::uuid)`
  if (!row) throw notFound('school_not_found', 'No such school.')
  return toSchool(row)
}

const slugTaken = onUnique({
  tenants_slug_key: { code: 'slug_taken', message: 'That address is taken. Try another one.', field: 'slug' },
})

/** GET/POST /admin/schools, PUT /admin/schools/:id/status and /plan, GET /schools/:slug/status. */
export function adminConsoleRoutes({ sql, auth, siteUrl }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { q, status, limit, offset } = c.req.valid('query')
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tx<SchoolRow[]>`
          select * from public.admin_schools(${q || null}, ${status ?? null}, ${limit}, ${offset}, null)`,
      ])
      return c.json({ schools: rows.map(toSchool), total: rows[0]?.total ?? 0 }, 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { name, slug, owner_email } = c.req.valid('json')
      const token = randomToken()
      const tokenHash = await sha256Hex(token)
      const created = await withUser(sql, c.var.claims, async (tx) => {
        const [ids] = await tx<
          { tenant_id: string; invitation_id: string; expires_at: Date; created_at: Date }[]
        >`
          select * from public.admin_create_school(${name}, ${slug}, ${owner_email}, ${tokenHash})`
        await tx`select private.enqueue_invitation_email(${ids.invitation_id}, ${token}, ${siteUrl})`
        const [school] = await tx<Tenant[]>`
          select t.id, t.name, t.slug, t.time_zone, t.created_at, null as role
          from public.tenants t where t.id = ${ids.tenant_id}`
        // The superadmin is not an admin of the school: RLS hides its invitations from them.
        const invitation: CreatedInvitation = {
          id: ids.invitation_id,
          tenant_id: ids.tenant_id,
          email: owner_email,
          role: 'owner',
          invited_by: c.var.claims.sub,
          expires_at: iso(ids.expires_at),
          accepted_at: null,
          created_at: iso(ids.created_at),
          status: 'pending',
          invite_url: `${siteUrl}/invite/${token}`,
        }
        return { school, invitation }
      }).catch(slugTaken)
      return c.json(created, 201)
    })
    .openapi({ ...status, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const school = await withUser(sql, c.var.claims, async (tx) => {
        await tx`select * from public.set_school_status(${id}, ${body.status}, ${body.reason})`
        return readSchool(tx, id)
      })
      return c.json(school, 200)
    })
    .openapi({ ...plan, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const school = await withUser(sql, c.var.claims, async (tx) => {
        await tx`select * from public.set_school_plan(${id}, ${body.plan}, ${body.reason})`
        return readSchool(tx, id)
      })
      return c.json(school, 200)
    })
    .openapi({ ...schoolStatus, middleware: auth }, async (c) => {
      const { slug } = c.req.valid('param')
      const [[row]] = await withUserRead(sql, c.var.claims, (tx) => [
        tx<SchoolStatus[]>`
          select id, name, slug, status, suspended_at, suspension_reason from public.my_school_status(${slug})`,
      ])
      if (!row) throw notFound('school_not_found', 'No such school, or you are not a member of it.')
      return c.json(row, 200)
    })
}
