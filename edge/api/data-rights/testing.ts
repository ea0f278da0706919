// Test helpers of the data-rights feature (not part of the function).
import { bcrypt } from 'hash-wasm'
import type { TestUser } from '../../../test/support/fixtures.ts'
import type { Sql } from '../../lib/db.ts'

let hashes: Map<string, Promise<string>> | undefined

/** Gives a test user a real password (bcrypt, as local auth stores it). */
export async function setPassword(sql: Sql, who: TestUser, password: string): Promise<void> {
  hashes ??= new Map()
  let hash = hashes.get(password)
  if (!hash) {
    hash = bcrypt({
      password,
      salt: crypto.getRandomValues(new Uint8Array(16)),
      costFactor: 4,
      outputType: 'encoded',
    })
    hashes.set(password, hash)
  }
  await sql`update auth.users set encrypted_password = ${await hash} where id = ${who.id}`
}

/**
 * Every text, varchar, char, json and jsonb column (arrays of them too) of every table in every
 * schema but Postgres's own, with the rows whose value contains `needle` (case-insensitive).
 */
export async function findEverywhere(sql: Sql, needle: string): Promise<string[]> {
  const columns = await sql<{ schema: string; table: string; column: string }[]>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where t.table_type = 'BASE TABLE'
      and c.table_schema not in ('pg_catalog', 'information_schema', 'pg_toast')
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'USER-DEFINED', 'ARRAY')
           or c.udt_name in ('citext'))`
  const found: string[] = []
  for (const c of columns) {
    const [row] = await sql.unsafe<{ n: number }[]>(
      `select count(*)::int as n from "${c.schema}"."${c.table}" where strpos(lower("${c.column}"::text), lower($1)) > 0`,
      [needle],
    )
    if (row.n > 0) found.push(`${c.schema}.${c.table}.${c.column} (${row.n})`)
  }
  return found
}
