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

type MemberRow = Member & { total: number }

/**
 * One page of a school's members as the caller may see them, owners first, each row with how many
 * match; unsent. `q` matches the name, or the email only where the caller may see it
 * (private.contact_email's rule), so a search never tells anyone whose address is whose.
 * public.search_members decides who the caller is once (row-by-row RLS took seconds in a school of
 * 50,000). `limit` and `offset` are the search's unless given.
 */
export function memberPageQuery(
  tx: Tx,
  tenantId: string,
  s: MemberSearch,
  limit = s.limit,
  offset = s.offset,
) {
  const pattern = s.q ? containsPattern(s.q) : null
  return tx<MemberRow[]>`
    select user_id, email, display_name, avatar_path, role, joined_at, total
    from public.search_members(${tenantId}, ${pattern}, ${s.role ?? null}, ${limit}, ${offset})`
}

/** The page of memberPageQuery's rows, with how many match in all. */
export function memberPage(rows: readonly MemberRow[], total: number): MemberPage {
  return { members: rows.map(({ total: _, ...member }) => member), total }
}
