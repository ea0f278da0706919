import { afterAll, describe, expect, it } from 'vitest'
import { testDb } from '../support/fixtures.ts'

const sql = testDb(1)
afterAll(() => sql.end())

describe('database structure', () => {
  it('has row-level security enabled on every table in every schema we create', async () => {
    const rows = await sql`
      select n.nspname as schema, c.relname as table
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname in ('public', 'private', 'auth') and not c.relrowsecurity`
    expect(rows).toEqual([])
  })

  it('has a policy for each command on every public table', async () => {
    const rows = await sql`
      select c.relname as table, cmd
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join unnest(array['SELECT','INSERT','UPDATE','DELETE']) as cmd
      where n.nspname in ('public', 'private') and c.relkind = 'r'
        and not exists (select 1 from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname
                        and (p.cmd = cmd or p.cmd = 'ALL'))`
    expect(rows).toEqual([])
  })

  it('keeps policy helpers security definer with an empty search_path and out of anon reach', async () => {
    const rows = await sql`
      select p.proname, p.prosecdef, p.proconfig, has_function_privilege('anon', p.oid, 'execute') as anon_exec
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'private' and p.proname in ('has_role', 'is_member', 'is_superadmin', 'shares_tenant', 'session_is_live')`
    expect(rows).toHaveLength(5)
    for (const r of rows) {
      expect(r.prosecdef, r.proname).toBe(true)
      expect(r.proconfig, r.proname).toContain('search_path=""')
      expect(r.anon_exec, r.proname).toBe(false)
    }
  })
})
