import { afterAll, describe, expect, it } from 'vitest'
import { ADMIN_ROLES, SUPPORT_ROLES, TEACHING_ROLES, TENANT_ROLES } from '../../edge/contract/roles.ts'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, testDb } from '../support/fixtures.ts'

// Each role group has two homes: edge/contract/roles.ts for TypeScript (API, realtime, web) and a
// SQL function for policies and the API's SQL. They must name the same roles.
const sql = testDb(2)
afterAll(() => sql.end())

const GROUPS = [
  ['admin_roles', ADMIN_ROLES],
  ['support_roles', SUPPORT_ROLES],
  ['teaching_roles', TEACHING_ROLES],
] as const

/** The roles of `private.<name>()`, as text, in the function's order. */
async function sqlGroup(name: string): Promise<string[]> {
  const [row] = await sql<{ roles: string[] }[]>`select ${sql(`private.${name}`)}()::text[] as roles`
  return row?.roles ?? []
}

describe('role groups', () => {
  it('public.tenant_role lists the contract roles, in order (most privileged first)', async () => {
    const [row] = await sql<
      { roles: string[] }[]
    >`select enum_range(null::public.tenant_role)::text[] as roles`
    expect(row?.roles).toEqual([...TENANT_ROLES])
  })

  it('no group names the partner', () => {
    for (const [, group] of GROUPS) expect(group).not.toContain('partner')
  })

  it.each(GROUPS)('private.%s() names the contract group, in order', async (name, group) => {
    expect(await sqlGroup(name)).toEqual([...group])
  })

  it('are immutable SQL functions that signed-in users may call and anonymous visitors may not', async () => {
    const rows = await sql<{ name: string; volatile: string; anon: boolean; comment: string | null }[]>`
      select p.proname as name, p.provolatile as volatile,
        has_function_privilege('anon', p.oid, 'execute') as anon, obj_description(p.oid, 'pg_proc') as comment
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'private' and p.proname in ${sql(GROUPS.map(([name]) => name))}
      order by p.proname`
    expect(rows.map((r) => r.name)).toEqual(['admin_roles', 'support_roles', 'teaching_roles'])
    for (const r of rows) {
      expect(r.volatile, r.name).toBe('i')
      expect(r.anon, r.name).toBe(false)
      expect(r.comment, r.name).toBeTruthy()
    }
    const user = await createUser(sql)
    const [row] = await withUser(
      sql,
      user.claims,
      (tx) => tx<{ roles: string[] }[]>`
      select private.teaching_roles()::text[] as roles`,
    )
    expect(row?.roles).toEqual([...TEACHING_ROLES])
  })
})
