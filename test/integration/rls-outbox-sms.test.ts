// private.outbox_sms (phone sign-in codes kept for the local mailbox): closed to everyone but the
// service role, like the email outbox — a code read is an account taken.
import { afterAll, beforeAll } from 'vitest'
import { testDb } from '../support/fixtures.ts'
import { CAST, type Case, createWorld, denied, type Row, type World, walkCast } from '../support/rls.ts'

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
  await sql`insert into private.outbox_sms (to_phone, body_text) values ('+254712000111', 'Your code is 123456')`
})
afterAll(() => sql.end())

const all = (anon: string, signedIn: string): Row =>
  Object.fromEntries(CAST.map((role) => [role, role === 'anon' ? anon : signedIn])) as Row
const DENIED = all('permission denied for schema private', denied('outbox_sms'))

const cases: Case[] = [
  { op: 'select', name: 'read codes', run: (tx) => tx`select 1 from private.outbox_sms`, expect: DENIED },
  {
    op: 'insert',
    name: 'forge a text',
    run: (tx) => tx`insert into private.outbox_sms (to_phone, body_text) values ('+254712000222', 'hi')`,
    expect: DENIED,
  },
  { op: 'update', run: (tx) => tx`update private.outbox_sms set body_text = 'x'`, expect: DENIED },
  { op: 'delete', run: (tx) => tx`delete from private.outbox_sms`, expect: DENIED },
]
walkCast('private.outbox_sms', () => w, cases)
