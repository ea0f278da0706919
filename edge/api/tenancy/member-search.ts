import type { Member, MemberPage, TenantRole } from '../../contract/tenancy.ts'
import type { Tx } from '../../lib/db.ts'

/** A search as the route validated it: `q` trimmed (maybe empty), the page as limit and offset. */
export interface MemberSearch {
  q?: string
  role?: TenantRole
  limit: number
  offset: number
}

/** `q` as a LIKE pattern that matches it anywhere, its own `%`, `_` and `\` taken literally. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * One page of a school's members as RLS lets the caller see them, owners first, and how many match.
 * `q` matches the name, or the email only where the caller may see it (private.contact_email), so a
 * search never tells anyone whose address is whose.
 */
export async function searchMembers(tx: Tx, tenantId: string, s: MemberSearch): Promise<MemberPage> {
  const pattern = s.q ? containsPattern(s.q) : null
  const role = s.role ?? null
  // A fresh fragment per query: the page and the count read the same rows.
  const matching = () => tx`
    select * from (
      select m.user_id, private.contact_email(m.tenant_id, m.user_id) as email, p.display_name, p.avatar_path, m.role,
        m.created_at as joined_at
      from public.memberships m join public.profiles p on p.id = m.user_id
      where m.tenant_id = ${tenantId} and (${role}::public.tenant_role is null or m.role = ${role}::public.tenant_role)
    ) x
    where ${pattern}::text is null or x.display_name ilike ${pattern} or x.email ilike ${pattern}`
  const [members, [{ total }]] = await Promise.all([
    tx<
      Member[]
    >`${matching()} order by x.role, lower(x.display_name), x.user_id limit ${s.limit} offset ${s.offset}`,
    tx<{ total: number }[]>`select count(*)::int as total from (${matching()}) y`,
  ])
  return { members: [...members], total }
}
