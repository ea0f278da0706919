import { afterAll, describe, expect, it } from 'vitest'
import { createUser, testDb } from '../support/fixtures.ts'
import { denied, outcome } from '../support/rls.ts'

const sql = testDb(2)
afterAll(() => sql.end())

const SCHEMAS = ['public', 'private']

/** Attribute numbers of the policy's own table that a stored policy expression reads. */
function columnsIn(nodeTree: string | null): number[] {
  const found = new Set<number>()
  // Vars of the policy's table are range-table entry 1 at query level 0; sub-selects are not.
  for (const m of (nodeTree ?? '').matchAll(/\{VAR :varno 1 :varattno (\d+) [^}]*?:varlevelsup 0 /g)) {
    found.add(Number(m[1]))
  }
  return [...found]
}

describe('RLS structure', () => {
  it('calls auth.uid() (and the other auth helpers) as (select auth.x()) in every policy', async () => {
    const rows = await sql`
      select schemaname || '.' || tablename || ': ' || policyname as policy,
             coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
      from pg_policies where schemaname in ${sql(SCHEMAS)}`
    expect(rows.length).toBeGreaterThan(20)
    const bare = rows
      .filter((r) => /(?<!SELECT )auth\.(uid|jwt|role|email)\(\)/.test(r.expr))
      .map((r) => r.policy)
    expect(bare).toEqual([])
  })

  it('calls auth.uid() as (select auth.uid()) in every function our schemas define', async () => {
    const rows = await sql`
      select n.nspname || '.' || p.proname as fn, p.prosrc
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ${sql(SCHEMAS)} and p.prosrc ~ 'auth\\.(uid|jwt)\\(\\)'`
    expect(rows.map((r) => r.fn)).toContain('private.has_role')
    const bare = rows.filter((r) => /(?<!select )auth\.(uid|jwt)\(\)/i.test(r.prosrc)).map((r) => r.fn)
    expect(bare).toEqual([])
  })

  it('indexes every column a policy reads: some index on the table starts with it', async () => {
    const policies = await sql`
      select c.oid as relid, n.nspname || '.' || c.relname as table, p.polname as policy,
             p.polqual::text as qual, p.polwithcheck::text as with_check
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ${sql(SCHEMAS)}`
    const leading = await sql`
      select i.indrelid as relid, a.attnum, a.attname
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]`
    const names = await sql`
      select a.attrelid as relid, a.attnum, a.attname from pg_attribute a
      where a.attrelid in ${sql(policies.map((p) => p.relid))} and a.attnum > 0`
    const indexed = new Set(leading.map((r) => `${r.relid}:${r.attnum}`))
    const name = new Map(names.map((r) => [`${r.relid}:${r.attnum}`, r.attname as string]))
    const checked: string[] = []
    const missing: string[] = []
    for (const p of policies) {
      for (const attnum of columnsIn(p.qual).concat(columnsIn(p.with_check))) {
        const key = `${p.relid}:${attnum}`
        const column = `${p.table}.${name.get(key)}`
        checked.push(column)
        if (!indexed.has(key)) missing.push(`${column} (${p.policy})`)
      }
    }
    // The parser must really find columns: these are read by tenancy policies.
    expect(checked).toEqual(
      expect.arrayContaining([
        'public.memberships.tenant_id',
        'public.memberships.user_id',
        'public.tenants.created_by',
      ]),
    )
    expect([...new Set(missing)]).toEqual([])
  })

  it('never reads user_metadata (users edit it) in a policy or function; app_metadata is the trusted one', async () => {
    const policies = await sql`
      select policyname from pg_policies
      where schemaname in ${sql(SCHEMAS)} and coalesce(qual, '') || coalesce(with_check, '') ~* 'user_?meta'`
    expect(policies).toEqual([])
    const fns = await sql`
      select n.nspname || '.' || p.proname as fn, p.prosrc ~* 'raw_user_meta_data' as raw
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ${sql(SCHEMAS)} and p.prosrc ~* 'user_?meta'
      order by 1`
    // The sign-up trigger copies a display name from it and emails read the chosen language from it;
    // nothing decides access with it.
    expect(fns).toEqual([
      { fn: 'private.email_locale', raw: true },
      { fn: 'private.erase_account', raw: true }, // gathers the names to erase, then empties it
      { fn: 'private.sync_profile', raw: true },
      { fn: 'public.create_pupil_accounts', raw: true }, // writes the name a pupil account is made with
      { fn: 'public.import_students', raw: true }, // writes the name an account by phone is made with
      { fn: 'public.member_profile', raw: true }, // shows the chosen language on a member's card
    ])
    const [superadmin] = await sql`select prosrc from pg_proc where proname = 'is_superadmin'`
    expect(superadmin.prosrc).toContain("'app_metadata'")
  })

  it('names the roles of every policy (none applies to PUBLIC)', async () => {
    const rows = await sql`
      select schemaname || '.' || tablename || ': ' || policyname as policy from pg_policies
      where schemaname in ${sql(SCHEMAS)} and 'public' = any (roles)`
    expect(rows).toEqual([])
  })

  it('never grants TRUNCATE, TRIGGER or REFERENCES to API roles: RLS does not cover them', async () => {
    const rows = await sql`
      select n.nspname || '.' || c.relname as table, r.role, priv
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join unnest(array['anon', 'authenticated']) as r(role)
      cross join unnest(array['TRUNCATE', 'TRIGGER', 'REFERENCES']) as priv
      where n.nspname in ${sql(SCHEMAS)} and c.relkind in ('r', 'p') and has_table_privilege(r.role, c.oid, priv)`
    expect(rows).toEqual([])
  })

  it('pins search_path on every security definer function in our schemas', async () => {
    const rows = await sql`
      select n.nspname || '.' || p.proname as fn
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ${sql(SCHEMAS)} and p.prosecdef
        and not coalesce(p.proconfig, '{}') @> array['search_path=""']`
    expect(rows).toEqual([])
  })

  it('keeps the private schema and the auth tables out of users\u2019 reach', async () => {
    const [schema] = await sql`select has_schema_privilege('anon', 'private', 'usage') as anon`
    expect(schema.anon).toBe(false)
    const user = await createUser(sql)
    for (const table of ['users', 'identities', 'sessions', 'refresh_tokens', 'one_time_tokens']) {
      expect(await outcome(sql, user, (tx) => tx.unsafe(`select 1 from auth.${table}`)), table).toBe(
        denied(table),
      )
    }
    // app_metadata (platform_role) can only be written by the auth service, not by the user.
    const promote = await outcome(
      sql,
      user,
      (tx) =>
        tx`update auth.users set raw_app_meta_data = '{"platform_role":"superadmin"}' where id = (select auth.uid())`,
    )
    expect(promote).toBe(denied('users'))
  })
})
