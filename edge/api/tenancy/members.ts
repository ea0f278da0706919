import * as R from '../../contract/routes/tenancy.ts'
import { type Member, type MemberCounts, TENANT_ROLES, type TenantRole } from '../../contract/tenancy.ts'
import { type Sql, type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { isAdmin, requireAdmin, tenantRole, tenantRoleIn, tenantRoleQuery } from './access.ts'
import { type MemberSearch, memberPage, memberPageQuery } from './member-search.ts'
import './schemas.ts'

const tags = ['members']

const list = apiRoute(R.listMembers, {
  tags,
  summary: 'Members of a school (visible to its members; emails to its owners and admins)',
  description:
    'Everyone sees names. `email` is null unless it is your own, you are an owner or admin, or you ' +
    'work the support desk and the member opened a ticket in this school.',
  responses: { 200: 'Members, owners first.' },
  errors: [400, 401, 404],
})

const search = apiRoute(R.searchMembers, {
  tags,
  summary: "Search a school's members a page at a time (visible to its members)",
  description:
    '`q` matches the name, or the email where you may see it (as in the list), in any case; `role` keeps ' +
    'one role; `limit` and `offset` choose the page. `total` counts every match.',
  responses: { 200: 'A page of matching members, owners first, and how many match in all.' },
  errors: [400, 401, 404],
})

const counts = apiRoute(R.countMembers, {
  tags,
  summary: 'How many members a school has, in all and per role (visible to its members)',
  description:
    'The numbers the school overview shows, counted by the database: a few bytes instead of the ' +
    'whole member list.',
  responses: { 200: 'The total and the count of each role (0 for a role nobody has).' },
  errors: [400, 401, 404],
})

const update = apiRoute(R.updateMember, {
  tags,
  summary: "Change a member's role (owners and admins; only owners grant or change ownership)",
  responses: { 200: 'The member.' },
  errors: [400, 401, 403, 404, 409],
})

const remove = apiRoute(R.removeMember, {
  tags,
  summary: 'Remove a member (owners and admins), or leave a school (yourself)',
  description: 'A school keeps at least one owner: removing the last one is a 409 `last_owner`.',
  responses: { 204: 'Removed.' },
  errors: [400, 401, 403, 404, 409],
})

const notMember = () => notFound('not_a_member', 'That person is not a member of this school.')

/**
 * Members of a school, as RLS lets the caller see them; one member when `userId` is given. Emails
 * only where the database's contact rule allows (private.contact_email), else null.
 */
function readMembers(tx: Tx, tenantId: string, userId: string | null = null) {
  return tx<Member[]>`
    select m.user_id, private.contact_email(m.tenant_id, m.user_id) as email, p.display_name, p.avatar_path, m.role,
      m.created_at as joined_at
    from public.memberships m join public.profiles p on p.id = m.user_id
    where m.tenant_id = ${tenantId} and (${userId}::uuid is null or m.user_id = ${userId}::uuid)
    order by m.role, lower(p.display_name), m.user_id`
}

/** Members per role, counted under RLS; unsent (memberCounts reads the rows). */
export const memberCountsQuery = (tx: Tx, tenantId: string) => tx<{ role: TenantRole; n: number }[]>`
  select m.role, count(*)::int as n from public.memberships m
  where m.tenant_id = ${tenantId}
  group by m.role`

/** The counts of memberCountsQuery's rows; every role is present, 0 when nobody has it. */
export function memberCounts(rows: readonly { role: TenantRole; n: number }[]): MemberCounts {
  const by_role = Object.fromEntries(TENANT_ROLES.map((r) => [r, 0])) as MemberCounts['by_role']
  for (const { role, n } of rows) by_role[role] = n
  return { total: rows.reduce((sum, r) => sum + r.n, 0), by_role }
}

/**
 * How many members match a search, read on its own: a page past the end has no rows to carry the
 * count, so this asks for the first row's (a second round trip, only then).
 */
async function matchingTotal(sql: Sql, claims: Claims, tenantId: string, s: MemberSearch): Promise<number> {
  const [[first]] = await withUserRead(sql, claims, (tx) => [memberPageQuery(tx, tenantId, s, 1, 0)])
  return first?.total ?? 0
}

/** GET /tenants/:id/members (+ /search, /counts), PATCH and DELETE /tenants/:id/members/:userId. */
export function memberRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [roleRows, members] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, id),
        readMembers(tx, id),
      ])
      tenantRoleIn(roleRows)
      return c.json([...members], 200)
    })
    .openapi({ ...search, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const query = c.req.valid('query')
      const [roleRows, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, id),
        memberPageQuery(tx, id, query),
      ])
      tenantRoleIn(roleRows)
      const total =
        rows[0]?.total ?? (query.offset > 0 ? await matchingTotal(sql, c.var.claims, id, query) : 0)
      return c.json(memberPage(rows, total), 200)
    })
    .openapi({ ...counts, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [roleRows, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, id),
        memberCountsQuery(tx, id),
      ])
      tenantRoleIn(roleRows)
      return c.json(memberCounts(rows), 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const { role } = c.req.valid('json')
      const member = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, id)
        // The memberships guard trigger enforces the owner rules (403) and the last owner (409).
        const changed = await tx`
          update public.memberships set role = ${role}
          where tenant_id = ${id} and user_id = ${userId} returning user_id`
        if (changed.length === 0) throw notMember()
        const [row] = await readMembers(tx, id, userId)
        return row
      })
      return c.json(member, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const claims = c.var.claims
      await withUser(sql, claims, async (tx) => {
        const role = await tenantRole(tx, id)
        if (userId !== claims.sub && !isAdmin(role)) {
          throw forbidden(
            'member_remove_forbidden',
            'Only owners and admins can remove other members. You can leave yourself.',
          )
        }
        const removed = await tx`
          delete from public.memberships where tenant_id = ${id} and user_id = ${userId} returning user_id`
        if (removed.length === 0) throw notMember()
      })
      return c.body(null, 204)
    })
}
