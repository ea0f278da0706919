// TOTP multi-factor sign-in through @supabase/supabase-js, as the web app drives it, with codes
// computed here by otpauth: enroll → challenge → verify gives an aal2 session; replays and wrong codes
// are refused, the latter rate-limited per account; recovery codes pass the step once; and a school
// that requires MFA for admins refuses their writes at aal1.
import { createClient } from '@supabase/supabase-js'
import * as OTPAuth from 'otpauth'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { createTenant, createUser, SUPABASE_URL, testDb } from '../../test/support/fixtures.ts'
import { withUser } from '../lib/db.ts'
import type { Claims } from '../lib/jwt.ts'
import { authTestApp, decodeJwt } from './testing.ts'

const sql = testDb(2)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

type TestAuth = Awaited<ReturnType<typeof authTestApp>>

// Date alone is faked, so each verification can use a time step of its own (a code is accepted once).
let clock = 0
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  clock = Math.floor(Date.now() / 30_000) * 30_000 + 1_000
  vi.setSystemTime(clock)
})
afterEach(() => vi.useRealTimers())
/** Moves the clock to the next 30-second step. */
function nextStep() {
  clock += 30_000
  vi.setSystemTime(clock)
}

function client(app: TestAuth = t, userAgent = 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile') {
  return createClient(SUPABASE_URL, app.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      fetch: async (input, init) => {
        const req = new Request(input, init)
        req.headers.set('x-forwarded-for', '41.90.64.12')
        req.headers.set('user-agent', userAgent)
        return app.app.fetch(req)
      },
    },
    realtime: { transport: WebSocket as never },
  }).auth
}
type Auth = ReturnType<typeof client>

const codeOf = (secret: string, at = clock) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at })

async function signedIn(app: TestAuth = t) {
  const { email, password } = await app.signUp('lesson-plan-42')
  const auth = client(app)
  const { error } = await auth.signInWithPassword({ email, password })
  expect(error).toBeNull()
  return { auth, email, password }
}

/** A signed-in account with a verified TOTP factor; the session is at aal2. */
async function withFactor(app: TestAuth = t) {
  const account = await signedIn(app)
  const { data, error } = await account.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone' })
  expect(error).toBeNull()
  const factor = data as { id: string; totp: { secret: string; qr_code: string; uri: string } }
  const verified = await account.auth.mfa.challengeAndVerify({
    factorId: factor.id,
    code: codeOf(factor.totp.secret),
  })
  expect(verified.error).toBeNull()
  return { ...account, factorId: factor.id, secret: factor.totp.secret }
}

async function accessToken(auth: Auth) {
  return (await auth.getSession()).data.session?.access_token as string
}
const claimsOf = async (auth: Auth) => decodeJwt(await accessToken(auth)).payload as Claims

describe('TOTP enrolment and verification', () => {
  it('enrolls with a QR code, verifies a computed code and answers an aal2 token with amr', async () => {
    const { auth, email } = await signedIn()
    const enrolled = await auth.mfa.enroll({ factorType: 'totp', friendlyName: 'My phone' })
    expect(enrolled.error).toBeNull()
    const data = enrolled.data as {
      id: string
      type: string
      totp: { qr_code: string; secret: string; uri: string }
    }
    expect(data.type).toBe('totp')
    expect(data.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg /)
    expect(data.totp.qr_code).not.toContain('#')
    expect(data.totp.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(OTPAuth.URI.parse(data.totp.uri).label).toBe(email)

    const [stored] = await sql`select secret, status from auth.mfa_factors where id = ${data.id}`
    expect(stored.status).toBe('unverified')
    expect(stored.secret).toMatch(/^kipindi-box:/)
    expect(stored.secret).not.toContain(data.totp.secret)

    let factors = await auth.mfa.listFactors()
    expect(factors.data?.all.map((f) => f.status)).toEqual(['unverified'])
    expect(factors.data?.totp).toEqual([])

    const challenge = await auth.mfa.challenge({ factorId: data.id })
    expect(challenge.error).toBeNull()
    const { id: challengeId, expires_at } = challenge.data as { id: string; expires_at: number }
    expect(expires_at).toBeGreaterThan(Date.now() / 1000)
    const verified = await auth.mfa.verify({ factorId: data.id, challengeId, code: codeOf(data.totp.secret) })
    expect(verified.error).toBeNull()

    const claims = await claimsOf(auth)
    expect(claims.aal).toBe('aal2')
    expect((claims.amr as { method: string }[]).map((a) => a.method)).toEqual(['totp', 'password'])
    const level = await auth.mfa.getAuthenticatorAssuranceLevel()
    expect(level.data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' })
    factors = await auth.mfa.listFactors()
    expect(factors.data?.totp.map((f) => [f.id, f.status, f.friendly_name])).toEqual([
      [data.id, 'verified', 'My phone'],
    ])

    // The refresh token keeps aal2.
    const refreshed = await auth.refreshSession()
    expect(refreshed.error).toBeNull()
    expect(decodeJwt(refreshed.data.session?.access_token as string).payload.aal).toBe('aal2')
  })

  it('signs in at aal1 with nextLevel aal2; a wrong code and a replayed one are refused', async () => {
    const { email, password, secret, factorId } = await withFactor()
    const usedCode = codeOf(secret)
    const auth = client()
    expect((await auth.signInWithPassword({ email, password })).error).toBeNull()
    const level = await auth.mfa.getAuthenticatorAssuranceLevel()
    expect(level.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' })

    const wrong = await auth.mfa.challengeAndVerify({
      factorId,
      code: usedCode === '000000' ? '111111' : '000000',
    })
    expect(wrong.error?.code).toBe('mfa_verification_failed')
    expect(wrong.error?.status).toBe(422)
    const replay = await auth.mfa.challengeAndVerify({ factorId, code: usedCode })
    expect(replay.error?.code).toBe('mfa_verification_failed')
    expect((await claimsOf(auth)).aal).toBe('aal1')

    nextStep()
    const ok = await auth.mfa.challengeAndVerify({ factorId, code: codeOf(secret) })
    expect(ok.error).toBeNull()
    expect((await claimsOf(auth)).aal).toBe('aal2')
  })

  it('refuses a challenge of another factor, an expired or used challenge, and another user’s factor', async () => {
    const a = await withFactor()
    const b = await withFactor()
    const other = await b.auth.mfa.challenge({ factorId: a.factorId })
    expect(other.error?.code).toBe('mfa_factor_not_found')
    const challenge = (await a.auth.mfa.challenge({ factorId: a.factorId })).data as { id: string }
    await sql`update auth.mfa_challenges set created_at = now() - interval '6 minutes' where id = ${challenge.id}`
    nextStep()
    const late = await a.auth.mfa.verify({
      factorId: a.factorId,
      challengeId: challenge.id,
      code: codeOf(a.secret),
    })
    expect(late.error?.code).toBe('mfa_challenge_expired')
    const gone = await a.auth.mfa.verify({
      factorId: a.factorId,
      challengeId: challenge.id,
      code: codeOf(a.secret),
    })
    expect(gone.error?.code).toBe('mfa_factor_not_found')
  })

  it('rate-limits wrong codes per account: over the limit even the right code is 429', async () => {
    const strict = await authTestApp({ AUTH_RATE_LIMIT_PER_EMAIL: '3' })
    try {
      const { email, password, secret, factorId } = await withFactor(strict)
      const auth = client(strict)
      expect((await auth.signInWithPassword({ email, password })).error).toBeNull()
      nextStep()
      const right = codeOf(secret)
      const wrong = right === '000000' ? '111111' : '000000'
      for (let i = 0; i < 3; i++) {
        expect((await auth.mfa.challengeAndVerify({ factorId, code: wrong })).error?.code).toBe(
          'mfa_verification_failed',
        )
      }
      const blocked = await auth.mfa.challengeAndVerify({ factorId, code: right })
      expect(blocked.error?.status).toBe(429)
      expect(blocked.error?.code).toBe('over_request_rate_limit')
      expect((await claimsOf(auth)).aal).toBe('aal1')
    } finally {
      await strict.close()
    }
  })

  it('needs aal2 to enroll another factor or to unenroll; unenrolling returns sessions to aal1', async () => {
    const { auth, email, password, factorId, secret } = await withFactor()
    const aal1 = client()
    expect((await aal1.signInWithPassword({ email, password })).error).toBeNull()
    expect((await aal1.mfa.enroll({ factorType: 'totp', friendlyName: 'Tablet' })).error?.code).toBe(
      'insufficient_aal',
    )
    const refused = await aal1.mfa.unenroll({ factorId })
    expect(refused.error?.code).toBe('insufficient_aal')

    nextStep()
    expect((await aal1.mfa.challengeAndVerify({ factorId, code: codeOf(secret) })).error).toBeNull()
    const removed = await aal1.mfa.unenroll({ factorId })
    expect(removed.error).toBeNull()
    expect(removed.data).toEqual({ id: factorId })
    const { data } = await aal1.getUser()
    expect(data.user?.factors ?? []).toEqual([])
    const refreshed = await aal1.refreshSession()
    expect(decodeJwt(refreshed.data.session?.access_token as string).payload.aal).toBe('aal1')
    // The first session (aal2 when the factor went) is back at aal1 too.
    const first = await auth.refreshSession()
    expect(first.error).toBeNull()
    expect(decodeJwt(first.data.session?.access_token as string).payload.aal).toBe('aal1')
  })
})

describe('unfinished set-ups', () => {
  it('are dropped after an hour, and count towards the limit of factors until then', async () => {
    const { auth } = await signedIn()
    const first = (await auth.mfa.enroll({ factorType: 'totp' })).data as { id: string }
    await sql`update auth.mfa_factors set created_at = now() - interval '2 hours' where id = ${first.id}`
    expect((await auth.mfa.enroll({ factorType: 'totp' })).error).toBeNull()
    const { data } = await auth.mfa.listFactors()
    expect(data?.all).toHaveLength(1)
    expect(data?.all[0].id).not.toBe(first.id)
    for (let i = 1; i < 10; i++) expect((await auth.mfa.enroll({ factorType: 'totp' })).error).toBeNull()
    expect((await auth.mfa.enroll({ factorType: 'totp' })).error?.code).toBe('too_many_enrolled_mfa_factors')
  })
})

describe('recovery codes (ours)', () => {
  const recoveryCodes = async (auth: Auth, method = 'POST') => {
    const res = await t.call(method, '/recovery_codes', { token: await accessToken(auth) })
    return { status: res.status, body: await res.json() }
  }

  it('are made at aal2 only, shown once, and pass the MFA step once each', async () => {
    const { auth, email, password, factorId } = await withFactor()
    const made = await recoveryCodes(auth)
    expect(made.status).toBe(200)
    const codes = made.body.recovery_codes as string[]
    expect(codes).toHaveLength(10)
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
    const stored = await sql`select code_hash from private.mfa_recovery_codes where code_hash = any(${codes})`
    expect(stored).toHaveLength(0) // only hashes are kept

    const aal1 = client()
    expect((await aal1.signInWithPassword({ email, password })).error).toBeNull()
    expect((await recoveryCodes(aal1)).body.code).toBe('insufficient_aal')
    const passed = await aal1.mfa.challengeAndVerify({ factorId, code: codes[3].toUpperCase() })
    expect(passed.error).toBeNull()
    const claims = await claimsOf(aal1)
    expect(claims.aal).toBe('aal2')
    expect((claims.amr as { method: string }[])[0].method).toBe('recovery_code')
    expect((await recoveryCodes(aal1, 'GET')).body).toEqual({ remaining: 9 })

    const again = client()
    expect((await again.signInWithPassword({ email, password })).error).toBeNull()
    const reused = await again.mfa.challengeAndVerify({ factorId, code: codes[3] })
    expect(reused.error?.code).toBe('mfa_verification_failed')
    expect((await again.mfa.challengeAndVerify({ factorId, code: codes[4] })).error).toBeNull()
  })

  it('do not verify a new factor', async () => {
    const { auth } = await withFactor()
    const codes = (await recoveryCodes(auth)).body.recovery_codes as string[]
    const second = (await auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Tablet' })).data as {
      id: string
    }
    const refused = await auth.mfa.challengeAndVerify({ factorId: second.id, code: codes[0] })
    expect(refused.error?.code).toBe('mfa_verification_failed')
  })
})

describe('a school that requires MFA for admins', () => {
  it('refuses an admin write at aal1 with mfa_required and allows it at aal2', async () => {
    const { auth, email, password, factorId, secret } = await withFactor()
    const owner = await createUser(sql)
    const student = await createUser(sql)
    const me = (await auth.getUser()).data.user?.id as string
    const school = await createTenant(sql, owner, [
      [{ ...owner, id: me }, 'admin'],
      [student, 'student'],
    ])
    const aal2Claims = await claimsOf(auth)
    const setRole = (claims: Claims, role: string) =>
      withUser(
        sql,
        claims,
        (tx) =>
          tx`update public.memberships set role = ${role} where tenant_id = ${school.id} and user_id = ${student.id} returning role`,
      )

    const aal1 = client()
    expect((await aal1.signInWithPassword({ email, password })).error).toBeNull()
    const aal1Claims = await claimsOf(aal1)
    // Turning the setting on needs aal2 itself.
    await expect(
      withUser(
        sql,
        aal1Claims,
        (tx) => tx`update public.tenants set require_mfa_for_admins = true where id = ${school.id}`,
      ),
    ).rejects.toMatchObject({ hint: 'mfa_required' })
    // Off: aal1 may change roles.
    expect(await setRole(aal1Claims, 'instructor')).toHaveLength(1)

    nextStep()
    expect((await aal1.mfa.challengeAndVerify({ factorId, code: codeOf(secret) })).error).toBeNull()
    const upgraded = await claimsOf(aal1)
    await withUser(
      sql,
      upgraded,
      (tx) => tx`update public.tenants set require_mfa_for_admins = true where id = ${school.id}`,
    )

    const plain = client()
    expect((await plain.signInWithPassword({ email, password })).error).toBeNull()
    await expect(setRole(await claimsOf(plain), 'student')).rejects.toMatchObject({
      code: 'P0001',
      hint: 'mfa_required',
    })
    await expect(
      withUser(
        sql,
        await claimsOf(plain),
        (tx) => tx`delete from public.memberships where tenant_id = ${school.id} and user_id = ${student.id}`,
      ),
    ).rejects.toMatchObject({ hint: 'mfa_required' })
    // The owner, at aal1 too, is refused; a student leaving the school is no admin write.
    await expect(setRole(owner.claims, 'staff')).rejects.toMatchObject({ hint: 'mfa_required' })
    const leave = await withUser(
      sql,
      student.claims,
      (tx) =>
        tx`delete from public.memberships where tenant_id = ${school.id} and user_id = ${student.id} returning 1`,
    )
    expect(leave).toHaveLength(1)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${school.id}, ${student.id}, 'student')`
    expect(await setRole(upgraded, 'student')).toHaveLength(1)
    expect(aal2Claims.aal).toBe('aal2')
    // The school's setting binds its admins, not a platform superadmin (who is no admin of it).
    const superadmin = await createUser(sql, { platformRole: 'superadmin' })
    await withUser(
      sql,
      superadmin.claims,
      (tx) => tx`select public.set_school_status(${school.id}, 'suspended', 'MFA test')`,
    )
    await withUser(
      sql,
      superadmin.claims,
      (tx) => tx`select public.set_school_status(${school.id}, 'active', 'MFA test')`,
    )
    // The service role (server jobs) is not a person: unaffected.
    await sql`update public.memberships set role = 'staff' where tenant_id = ${school.id} and user_id = ${student.id}`
  })
})
