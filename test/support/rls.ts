import { describe, expect, it } from 'vitest'
import { type Sql, type Tx, withAnon, withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, unique } from './fixtures.ts'

/** The cast every RLS test walks, in order: from no one to the platform super-admin. */
export const CAST = [
  'anon',
  'outsider',
  'student',
  'instructor',
  'staff',
  'admin',
  'owner',
  'adminB',
  'superadmin',
] as const
export type Role = (typeof CAST)[number]

/** A query's outcome: rows seen or affected, or the exact error message Postgres raised. */
export type Outcome = number | string

/** The expected outcome of one command for each member of the cast. */
export type Row = Record<Role, Outcome>

/**
 * Tenant A (owner, admin, instructor, staff, student and a second student `peer`) and tenant B
 * (ownerB, adminB), a signed-in outsider who belongs nowhere, and a superadmin who belongs nowhere.
 */
export interface World {
  sql: Sql
  a: { id: string; slug: string }
  b: { id: string; slug: string }
  users: Record<Exclude<Role, 'anon'>, TestUser> & { peer: TestUser; ownerB: TestUser }
  /** Every user id above, for queries that count visible profiles. */
  everyone: string[]
}

/** Builds the cast's world as the superuser (committed; unique emails and slugs). */
export async function createWorld(sql: Sql): Promise<World> {
  const make = () => createUser(sql)
  const [owner, admin, instructor, staff, student, peer, ownerB, adminB, outsider] = await Promise.all(
    Array.from({ length: 9 }, make),
  )
  const superadmin = await createUser(sql, { platformRole: 'superadmin' })
  const a = await createTenant(sql, owner, [
    [admin, 'admin'],
    [instructor, 'instructor'],
    [staff, 'staff'],
    [student, 'student'],
    [peer, 'student'],
  ])
  const b = await createTenant(sql, ownerB, [[adminB, 'admin']])
  const users = { owner, admin, instructor, staff, student, peer, ownerB, adminB, outsider, superadmin }
  return { sql, a, b, users, everyone: Object.values(users).map((u) => u.id) }
}

/** The user playing `role` (null: the anon role). */
export function actor(world: World, role: Role): TestUser | null {
  return role === 'anon' ? null : world.users[role]
}

const ROLLBACK = Symbol('rollback')

/**
 * Runs `run` as `who` exactly as the API runs a request (withUser / withAnon), then rolls the
 * transaction back so cases never see each other's writes. Returns the row count or the error.
 */
export async function outcome(
  sql: Sql,
  who: TestUser | null,
  run: (tx: Tx) => Promise<{ count: number }>,
): Promise<Outcome> {
  let result: Outcome = 'no result'
  const body = async (tx: Tx) => {
    try {
      result = (await run(tx)).count
    } catch (error) {
      result = error instanceof Error ? error.message : String(error)
    }
    throw ROLLBACK
  }
  try {
    await (who ? withUser(sql, who.claims, body) : withAnon(sql, body))
  } catch (error) {
    if (error !== ROLLBACK) throw error
  }
  return result
}

/** One command of a table's matrix: the query and what each member of the cast gets. */
export interface Case {
  op: 'select' | 'insert' | 'update' | 'delete'
  /** What the case tries, when the command alone does not say it ("leave", "promote to owner"). */
  name?: string
  run: (tx: Tx, world: World) => Promise<{ count: number }>
  expect: Row
}

/**
 * One test per command: every member of the cast runs the query and the whole row of outcomes
 * is compared at once, so a failure shows the table cell by cell.
 */
export function walkCast(table: string, world: () => World, cases: Case[]) {
  describe(`${table}: RLS matrix`, () => {
    for (const c of cases) {
      it(c.name ? `${c.op}: ${c.name}` : c.op, async () => {
        const w = world()
        const got = await Promise.all(
          CAST.map((role) => outcome(w.sql, actor(w, role), (tx) => c.run(tx, w))),
        )
        expect(Object.fromEntries(CAST.map((role, i) => [role, got[i]]))).toEqual(c.expect)
      })
    }
  })
}

/**
 * Anon calling a function of the private schema: refused on the schema when the statement is parsed
 * afresh, on the function when its connection reuses the statement a signed-in role prepared
 * before (postgres.js prepares statements). Either way: not allowed.
 */
export const NO_PRIVATE_CALL: string = expect.stringMatching(
  /^permission denied for (schema private|function \w+)$/,
)

/** `permission denied for table <name>`: the role lacks the grant (RLS never ran). */
export const denied = (table: string) => `permission denied for table ${table}`

/** The error for a written row that fails a policy's `with check`. */
export const violates = (table: string) => `new row violates row-level security policy for table "${table}"`

/** A unique, valid tenant slug. */
export const slug = () => unique('s-').toLowerCase().slice(0, 40)

/** A unique, valid lowercase email. */
export const email = () => `${unique('inv')}@test.kipindi.test`.toLowerCase()
