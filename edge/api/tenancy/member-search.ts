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
 * One page of a school's members as the caller may see them, owners first, and how many match.
 * `q` matches the name, or the email only where the caller may see it (private.contact_email's
 * rule), so a search never tells anyone whose address is whose. public.search_members decides who
 * the caller is once (row-by-row RLS took seconds in a school of 50,000).
 */
export async function searchMembers(tx: Tx, tenantId: string, s: MemberSearch): Promise<MemberPage> {
  const pattern = s.q ? containsPattern(s.q) : null
  const page = (limit: number, offset: number) => tx<(Member & { total: number })[]>`
    select user_id, email, display_name, avatar_path, role, joined_at, total
    from public.search_members(${tenantId}, ${pattern}, ${s.role ?? null}, ${limit}, ${offset})`
  const rows = await page(s.limit, s.offset)
  // A page past the end has no rows to carry the count: ask for the first row's.
  const total = rows[0]?.total ?? (s.offset > 0 ? ((await page(1, 0))[0]?.total ?? 0) : 0)
  return { members: rows.map(({ total: _, ...member }) => member), total }
}
