import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createDb, type Sql, type Tx, withAnon, withUser, withUserRead } from '../../edge/lib/db.ts'
import { TokenError } from '../../edge/lib/jwt.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'

const USERS = 24
const CALLS = 1_200
const BATCH = 150

const setup = testDb(4)
const loginRole = decodeURIComponent(new URL(inject('dbUrl')).username)
/** Each user with the number of schools they belong to (1..5), so RLS answers differ per user. */
let cast: { user: TestUser; schools: number }[] = []
let signedOut: TestUser

beforeAll(async () => {
  const owner = await createUser(setup)
  const users = await Promise.all(Array.from({ length: USERS }, () => createUser(setup)))
  cast = users.map((user, i) => ({ user, schools: (i % 5) + 1 }))
  for (let s = 0; s < 5; s++) {
    const members = cast.filter((c) => c.schools > s).map((c) => [c.user, 'student'] as [TestUser, 'student'])
    await createTenant(setup, owner, members)
  }
  signedOut = await createUser(setup)
  await setup`delete from auth.sessions where user_id = ${signedOut.id}`
})
afterAll(() => setup.end())

type Self = { uid: string | null; role: string; db_user: string; pid: number; schools: number }

/** What a request sees of itself: identity, role and one RLS-filtered count (unsent). */
const selfQuery = (tx: Tx) => tx<Self[]>`
    select auth.uid() as uid, current_setting('role') as role, current_user as db_user, pg_backend_pid() as pid,
           (select count(*)::int from public.tenants) as schools`

async function whoAmI(tx: Tx): Promise<Self> {
  const [ctx] = await selfQuery(tx)
  return ctx
}

/** The same through withUserRead: begin, context, query and commit in one round trip. */
async function whoAmIRead(pool: Sql, user: TestUser): Promise<Self> {
  const [rows] = await withUserRead(pool, user.claims, (tx) => [selfQuery(tx)])
  return rows[0]
}

/** Plain queries on the pool, outside any withUser: nothing of a request may remain. */
async function expectCleanConnections(pool: Sql, max: number) {
  const conns = await Promise.all(Array.from({ length: max }, () => pool.reserve()))
  try {
    const seen = await Promise.all(
      conns.map(async (c) => {
        const [r] = await c`
          select nullif(current_setting('request.jwt.claims', true), '') as claims, auth.uid() as uid,
                 current_user as db_user, current_setting('role') as role, pg_backend_pid() as pid,
                 (select count(*)::int from public.tenants where id is not null) > 0 as bypasses_rls`
        return r
      }),
    )
    expect(new Set(seen.map((r) => r.pid)).size).toBe(max)
    for (const r of seen) {
      expect(r).toMatchObject({
        claims: null,
        uid: null,
        db_user: loginRole,
        role: 'none',
        bypasses_rls: true,
      })
    }
  } finally {
    for (const c of conns) c.release()
  }
}

type Kind = 'user' | 'anon' | 'throws' | 'sql-error' | 'signed-out'

/** Call n: mostly users round-robin, with failures and anon requests mixed in. */
const kindOf = (n: number): Kind =>
  n % 50 === 7
    ? 'signed-out'
    : n % 40 === 3
      ? 'sql-error'
      : n % 30 === 1
        ? 'throws'
        : n % 25 === 2
          ? 'anon'
          : 'user'

describe.each([
  { prepare: true, label: 'prepared statements' },
  { prepare: false, label: 'prepare: false (transaction pooler)' },
])('claims on a pooled connection, $label', ({ prepare }) => {
  it(`keeps ${CALLS} interleaved requests of ${USERS} users apart and leaks nothing afterwards`, async () => {
    const pool = createDb(inject('dbUrl'), { max: 2, prepare })
    try {
      const pids = new Set<number>()
      const tally: Record<Kind, number> = { user: 0, anon: 0, throws: 0, 'sql-error': 0, 'signed-out': 0 }
      for (let start = 0; start < CALLS; start += BATCH) {
        const batch = Array.from({ length: BATCH }, (_, j) => start + j)
        await Promise.all(
          batch.map(async (n) => {
            const kind = kindOf(n)
            const { user, schools } = cast[(n * 7) % USERS] // a stride that interleaves users
            tally[kind]++
            if (kind === 'anon') {
              const me = await withAnon(pool, async (tx) => {
                const [r] =
                  await tx`select auth.uid() as uid, current_setting('role') as role, current_user as db_user`
                return r
              })
              expect(me).toEqual({ uid: null, role: 'anon', db_user: 'anon' })
              return
            }
            if (kind === 'signed-out') {
              const write = withUser(
                pool,
                signedOut.claims,
                (tx) =>
                  tx`update public.profiles set display_name = 'hijacked' where id = (select auth.uid())`,
              )
              await expect(write).rejects.toBeInstanceOf(TokenError)
              await expect(whoAmIRead(pool, signedOut)).rejects.toBeInstanceOf(TokenError)
              return
            }
            if (kind === 'throws' || kind === 'sql-error') {
              const failing = withUser(pool, user.claims, async (tx) => {
                const me = await whoAmI(tx)
                expect(me.uid).toBe(user.id)
                if (kind === 'throws') throw new Error(`boom ${n}`)
                await tx`select 1 / 0`
              })
              await expect(failing).rejects.toThrow(kind === 'throws' ? `boom ${n}` : 'division by zero')
              return
            }
            const me = n % 2 ? await withUser(pool, user.claims, whoAmI) : await whoAmIRead(pool, user)
            pids.add(me.pid)
            expect(me).toEqual({
              uid: user.id,
              role: 'authenticated',
              db_user: 'authenticated',
              pid: me.pid,
              schools,
            })
          }),
        )
      }
      expect(pids.size).toBe(2) // both pooled connections served requests
      expect(Object.values(tally).every((n) => n > 0)).toBe(true)
      expect(tally.user).toBeGreaterThan(1_000)
      await expectCleanConnections(pool, 2)
      const [profile] = await setup`select display_name from public.profiles where id = ${signedOut.id}`
      expect(profile.display_name).not.toBe('hijacked')
    } finally {
      await pool.end()
    }
  })

  it('leaves each connection clean right after a request that threw, failed in SQL or was signed out', async () => {
    const pool = createDb(inject('dbUrl'), { max: 2, prepare })
    try {
      const { user } = cast[0]
      await expect(
        withUser(pool, user.claims, async () => Promise.reject(new Error('early'))),
      ).rejects.toThrow('early')
      await expectCleanConnections(pool, 2)
      await expect(withUser(pool, user.claims, (tx) => tx`select nonsense from nowhere`)).rejects.toThrow(
        'nowhere',
      )
      await expectCleanConnections(pool, 2)
      await expect(withUser(pool, signedOut.claims, whoAmI)).rejects.toThrow('session has ended')
      await expectCleanConnections(pool, 2)
      await expect(whoAmIRead(pool, signedOut)).rejects.toThrow('session has ended')
      await expectCleanConnections(pool, 2)
      await expect(
        withUserRead(pool, user.claims, (tx) => [selfQuery(tx), tx`select 1 / 0`, selfQuery(tx)]),
      ).rejects.toThrow('division by zero')
      await expectCleanConnections(pool, 2)
      await expect(
        withUserRead(pool, user.claims, () => {
          throw new Error('built no query')
        }),
      ).rejects.toThrow('built no query')
      await expectCleanConnections(pool, 2)
      await expect(withAnon(pool, (tx) => tx`select 1 from public.tenants`)).rejects.toThrow(
        'permission denied',
      )
      await expectCleanConnections(pool, 2)
    } finally {
      await pool.end()
    }
  })
})
