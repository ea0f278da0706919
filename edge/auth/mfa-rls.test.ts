// The MFA tables are the auth function's alone: no member of the cast (another school, a student,
// an admin, a superadmin) reads or writes a factor, a challenge, a TOTP step or a recovery code —
// not even their own. The auth function works with the service connection.
import { afterAll, beforeAll } from 'vitest'
import { testDb } from '../../test/support/fixtures.ts'
import { CAST, createWorld, denied, type Row, type World, walkCast } from '../../test/support/rls.ts'

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
  for (const user of [w.users.student, w.users.admin]) {
    const [factor] = await sql`
      insert into auth.mfa_factors (id, user_id, factor_type, status, created_at, updated_at, secret)
      values (gen_random_uuid(), ${user.id}, 'totp', 'verified', now(), now(), 'kipindi-box:x') returning id`
    await sql`insert into private.mfa_totp_steps (factor_id, last_step) values (${factor.id}, 1)`
    await sql`insert into private.mfa_recovery_codes (user_id, code_hash) values (${user.id}, 'h')`
  }
})
afterAll(() => sql.end())

const all = (anon: string, signedIn: string): Row =>
  Object.fromEntries(CAST.map((role) => [role, role === 'anon' ? anon : signedIn])) as Row
const PRIVATE = 'permission denied for schema private'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('private.mfa_recovery_codes', () => w, [
  { op: 'select', run: (tx) => tx`select 1 from private.mfa_recovery_codes`, expect: all(PRIVATE, denied('mfa_recovery_codes')) },
  {
    op: 'insert',
    run: (tx, w) => tx`insert into private.mfa_recovery_codes (user_id, code_hash) values (${w.users.student.id}, 'x')`,
    expect: all(PRIVATE, denied('mfa_recovery_codes')),
  },
  { op: 'update', run: (tx) => tx`update private.mfa_recovery_codes set used_at = null`, expect: all(PRIVATE, denied('mfa_recovery_codes')) },
  { op: 'delete', run: (tx) => tx`delete from private.mfa_recovery_codes`, expect: all(PRIVATE, denied('mfa_recovery_codes')) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('private.mfa_totp_steps', () => w, [
  { op: 'select', run: (tx) => tx`select 1 from private.mfa_totp_steps`, expect: all(PRIVATE, denied('mfa_totp_steps')) },
  {
    op: 'insert',
    run: (tx, w) => tx`insert into private.mfa_totp_steps (factor_id, last_step)
                       select id, 99 from auth.mfa_factors where user_id = ${w.users.student.id}`,
    expect: all(PRIVATE, denied('mfa_totp_steps')),
  },
  { op: 'update', run: (tx) => tx`update private.mfa_totp_steps set last_step = 0`, expect: all(PRIVATE, denied('mfa_totp_steps')) },
  { op: 'delete', run: (tx) => tx`delete from private.mfa_totp_steps`, expect: all(PRIVATE, denied('mfa_totp_steps')) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('auth.mfa_factors', () => w, [
  { op: 'select', run: (tx) => tx`select secret from auth.mfa_factors`, expect: all(denied('mfa_factors'), denied('mfa_factors')) },
  { op: 'update', run: (tx) => tx`update auth.mfa_factors set status = 'unverified'`, expect: all(denied('mfa_factors'), denied('mfa_factors')) },
  { op: 'delete', run: (tx) => tx`delete from auth.mfa_factors`, expect: all(denied('mfa_factors'), denied('mfa_factors')) },
  { op: 'select', name: 'challenges', run: (tx) => tx`select 1 from auth.mfa_challenges`, expect: all(denied('mfa_challenges'), denied('mfa_challenges')) },
  { op: 'select', name: 'amr claims', run: (tx) => tx`select 1 from auth.mfa_amr_claims`, expect: all(denied('mfa_amr_claims'), denied('mfa_amr_claims')) },
])
