// TOTP multi-factor sign-in in GoTrue's tables and wire shapes (edge/auth/README.md, MFA):
// enroll → challenge → verify raises the session to aal2 (auth.sessions.aal, an auth.mfa_amr_claims
// row), and refreshed tokens keep it. Ours beyond GoTrue: a code is refused when replayed
// (private.mfa_totp_steps), and recovery codes (private.mfa_recovery_codes) pass the step once each.
import type { Context } from 'hono'
import { renderSVG } from 'uqr'
import { ApiError } from '../lib/errors.ts'
import { clientIp } from '../lib/http.ts'
import { aiKeysSecret, createSecretBox, type SecretBox } from '../lib/secret-box.ts'
import { auditAuth } from './accounts.ts'
import { type AuthDeps, inetOrNull } from './context.ts'
import { sha256Hex } from './crypto.ts'
import { authError } from './errors.ts'
import type { SignedIn } from './guards.ts'
import { matchTotp, newTotpSecret, totpUri } from './mfa-totp.ts'
import { insertRefreshToken, type SessionRow, sessionColumns, sessionJson } from './sessions.ts'
import { type Db, findUserById, type UserRow } from './users.ts'

/** Factors per user, verified or not (GoTrue's default MaxEnrolledFactors). */
export const MAX_FACTORS = 10
/** Seconds a challenge may be verified (GoTrue's default challenge expiry). */
export const CHALLENGE_SECONDS = 300
/** Recovery codes made at a time. */
export const RECOVERY_CODE_COUNT = 10

interface FactorRow {
  id: string
  user_id: string
  friendly_name: string | null
  status: 'verified' | 'unverified'
  secret: string | null
}

export const factorNotFound = () => authError(404, 'mfa_factor_not_found', 'Factor not found')

/** Secrets are stored sealed: `kipindi-box:` + base64 of the secret box's bytes. */
const SEALED_PREFIX = 'kipindi-box:'
const boxes = new WeakMap<AuthDeps, Promise<SecretBox>>()
function boxOf(deps: AuthDeps): Promise<SecretBox> {
  let box = boxes.get(deps)
  if (!box) {
    box = createSecretBox(aiKeysSecret(deps.env), 'kipindi mfa totp secrets')
    boxes.set(deps, box)
  }
  return box
}
async function sealSecret(deps: AuthDeps, secret: string) {
  const sealed = await (await boxOf(deps)).seal(secret)
  return SEALED_PREFIX + btoa(String.fromCharCode(...sealed))
}
async function openSecret(deps: AuthDeps, stored: string | null): Promise<string> {
  if (!stored?.startsWith(SEALED_PREFIX)) throw new Error('mfa: factor secret is not sealed')
  const bytes = Uint8Array.from(atob(stored.slice(SEALED_PREFIX.length)), (ch) => ch.charCodeAt(0))
  return (await boxOf(deps)).open(bytes)
}

/** The session of the bearer token (its aal decides what may be done). */
export async function currentSession(sql: Db, sessionId: string): Promise<SessionRow> {
  const [session] = await sql<
    SessionRow[]
  >`select ${sessionColumns(sql)} from auth.sessions s where s.id = ${sessionId}`
  if (!session)
    throw authError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist')
  return session
}

/** The user's factor `id`, or 404 mfa_factor_not_found (another user's factor is not found either). */
export async function findFactor(sql: Db, userId: string, id: string, lock = false): Promise<FactorRow> {
  const [factor] = lock
    ? await sql<
        FactorRow[]
      >`select * from auth.mfa_factors where id = ${id} and user_id = ${userId} for update`
    : await sql<FactorRow[]>`select * from auth.mfa_factors where id = ${id} and user_id = ${userId}`
  if (!factor) throw factorNotFound()
  return factor
}

/** POST /factors with factor_type totp: a new unverified factor, its secret, URI and QR code (SVG). */
export async function enrollTotp(
  deps: AuthDeps,
  { user, claims }: SignedIn,
  friendlyName: string | undefined,
  issuer: string | undefined,
) {
  const name = friendlyName?.trim() || null
  // Set-ups left unfinished for an hour are dropped (a new one starts over).
  const stale = await deps.sql`
    delete from auth.mfa_factors
    where user_id = ${user.id} and status = 'unverified' and created_at < now() - interval '1 hour'
    returning id`
  const factors = (user.factors ?? []).filter((f) => !stale.some((s) => s.id === f.id))
  if (name && factors.some((f) => f.friendly_name === name)) {
    throw authError(
      422,
      'mfa_factor_name_conflict',
      `A factor with the friendly name "${name}" for this user already exists`,
    )
  }
  if (factors.length >= MAX_FACTORS) {
    throw authError(
      422,
      'too_many_enrolled_mfa_factors',
      'Maximum number of verified factors reached, unenroll to continue',
    )
  }
  const session = await currentSession(deps.sql, claims.session_id as string)
  if (factors.some((f) => f.status === 'verified') && session.aal !== 'aal2') {
    throw authError(403, 'insufficient_aal', 'AAL2 required to enroll a new factor')
  }
  const secret = newTotpSecret()
  const uri = totpUri(secret, issuer?.trim() || new URL(deps.siteUrl).hostname, user.email ?? user.id)
  const id = crypto.randomUUID()
  await deps.sql.begin(async (tx) => {
    await tx`insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
             values (${id}, ${user.id}, ${name}, 'totp', 'unverified', now(), now(), ${await sealSecret(deps, secret)})`
    await auditAuth(tx, 'auth.mfa_factor_enrolled', user.id, user.id, { factor_id: id })
  })
  // GoTrue sends the SVG markup; supabase-js turns it into a data: URI. No `#` in it (a data URI ends there).
  const qr = renderSVG(uri, { border: 2, pixelSize: 6 })
  return { id, type: 'totp', friendly_name: name ?? '', totp: { qr_code: qr, secret, uri } }
}

/** POST /factors/:id/challenge: a challenge to verify within CHALLENGE_SECONDS. */
export async function challengeFactor(c: Context, deps: AuthDeps, { user }: SignedIn, factorId: string) {
  await findFactor(deps.sql, user.id, factorId)
  const id = crypto.randomUUID()
  const ip = inetOrNull(clientIp(c)) ?? '0.0.0.0'
  const [row] = await deps.sql<{ created_at: Date }[]>`
    with challenge as (
      insert into auth.mfa_challenges (id, factor_id, created_at, ip_address)
      values (${id}, ${factorId}, now(), ${ip}::inet) returning created_at
    ), touched as (
      update auth.mfa_factors set last_challenged_at = now() where id = ${factorId}
    )
    select created_at from challenge`
  return { id, type: 'totp', expires_at: Math.floor(row.created_at.getTime() / 1000) + CHALLENGE_SECONDS }
}

/**
 * Counts one verification attempt of the account before the code is checked (so parallel guesses
 * cannot overrun the limit); `succeeded()` takes it back. Per account: AUTH_RATE_LIMIT_PER_EMAIL per
 * window; per IP: the sign-in ceiling.
 */
function admitCodeAttempt(c: Context, deps: AuthDeps, userId: string) {
  const tooMany = (e: unknown) =>
    e instanceof ApiError && e.status === 429
      ? new ApiError(
          429,
          'over_request_rate_limit',
          'Request rate limit reached. Try again later.',
          undefined,
          e.headers,
        )
      : e
  try {
    deps.limits.signin.hit(`mfa:${clientIp(c)}`)
    deps.limits.email.check(`mfa:${userId}`)
  } catch (e) {
    throw tooMany(e)
  }
  const undo = deps.limits.email.hit(`mfa:${userId}`)
  return { succeeded: undo }
}

/** Recovery codes: 16 characters of an unambiguous alphabet (80 bits), shown as xxxx-xxxx-xxxx-xxxx. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[\s-]/g, '')
const isRecoveryShape = (code: string) => /^[a-z0-9]{16}$/.test(normalizeRecovery(code))
const recoveryHash = (userId: string, code: string) => sha256Hex(`${userId}:${normalizeRecovery(code)}`)

function newRecoveryCode(): string {
  let out = ''
  while (out.length < 16) {
    for (const b of crypto.getRandomValues(new Uint8Array(32))) {
      // 248 = 8 * 31: bytes at or above it are dropped so every character is equally likely.
      if (b < 248 && out.length < 16) out += RECOVERY_ALPHABET[b % 31]
    }
  }
  return out.match(/.{4}/g)?.join('-') ?? out
}

/** POST /factors/:id/verify: the session's access token and refresh token at aal2 (see the file comment). */
export async function verifyFactor(
  c: Context,
  deps: AuthDeps,
  { user, claims }: SignedIn,
  factorId: string,
  challengeId: string,
  code: string,
) {
  const attempt = admitCodeAttempt(c, deps, user.id)
  const outcome = await deps.sql.begin(async (tx) => {
    const factor = await findFactor(tx, user.id, factorId, true)
    const [challenge] = await tx<{ id: string; expired: boolean; verified_at: Date | null }[]>`
      select id, verified_at, created_at + make_interval(secs => ${CHALLENGE_SECONDS}) < now() as expired
      from auth.mfa_challenges where id = ${challengeId} and factor_id = ${factorId} for update`
    if (!challenge) {
      throw authError(422, 'mfa_factor_not_found', 'MFA factor with the provided challenge ID not found')
    }
    if (challenge.expired || challenge.verified_at) {
      await tx`delete from auth.mfa_challenges where id = ${challengeId}`
      return 'expired' as const
    }
    const method = await checkCode(tx, deps, factor, code)
    if (!method) return 'wrong' as const

    await tx`update auth.mfa_challenges set verified_at = now() where id = ${challengeId}`
    if (factor.status !== 'verified') {
      await tx`update auth.mfa_factors set status = 'verified', updated_at = now() where id = ${factorId}`
      // As GoTrue: the user's other unverified factors go.
      await tx`delete from auth.mfa_factors where user_id = ${user.id} and status = 'unverified' and id <> ${factorId}`
    }
    const sessionId = claims.session_id as string
    await tx`insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
             values (gen_random_uuid(), ${sessionId}, now(), now(), ${method})
             on conflict (session_id, authentication_method) do update set updated_at = now()`
    await tx`update auth.sessions set aal = 'aal2', factor_id = ${factorId}, updated_at = now() where id = ${sessionId}`
    // As GoTrue: sessions still at aal1 end once the account has a second factor.
    await tx`delete from auth.sessions where user_id = ${user.id} and aal is distinct from 'aal2'`
    // The aal1 refresh tokens of this session must not reach aal2: revoked as if long ago, so that a
    // replay is reuse (the session ends), never an answer with the new token.
    const [active] = await tx<{ token: string }[]>`
      update auth.refresh_tokens set revoked = true, updated_at = now() - interval '1 day'
      where session_id = ${sessionId} and revoked = false returning token`
    const refreshToken = await insertRefreshToken(tx, user.id, sessionId, active?.token ?? null)
    await auditAuth(tx, 'auth.mfa_verified', user.id, user.id, { factor_id: factorId, method })
    const session = await currentSession(tx, sessionId)
    return sessionJson(deps.tokens, (await findUserById(tx, user.id)) as UserRow, session, refreshToken)
  })
  if (outcome === 'expired') {
    attempt.succeeded()
    throw authError(
      422,
      'mfa_challenge_expired',
      `MFA challenge ${challengeId} has expired, verify against another challenge or create a new challenge.`,
    )
  }
  if (outcome === 'wrong') throw authError(422, 'mfa_verification_failed', 'Invalid TOTP code entered')
  attempt.succeeded()
  return outcome
}

/** The amr method the code proves (`totp` or `recovery_code`), or null; records its use. */
async function checkCode(tx: Db, deps: AuthDeps, factor: FactorRow, code: string) {
  const trimmed = code.trim()
  if (/^\d{6}$/.test(trimmed)) {
    const [used] = await tx<{ last_step: string }[]>`
      select last_step from private.mfa_totp_steps where factor_id = ${factor.id}`
    const secret = await openSecret(deps, factor.secret)
    const step = await matchTotp(secret, trimmed, Date.now(), used ? Number(used.last_step) : null)
    if (step === null) return null
    await tx`insert into private.mfa_totp_steps (factor_id, last_step) values (${factor.id}, ${step})
             on conflict (factor_id) do update set last_step = excluded.last_step, updated_at = now()`
    return 'totp'
  }
  // A recovery code passes the step of a factor already verified, never an enrolment.
  if (factor.status === 'verified' && isRecoveryShape(trimmed)) {
    const used = await tx`
      update private.mfa_recovery_codes set used_at = now()
      where user_id = ${factor.user_id} and code_hash = ${await recoveryHash(factor.user_id, trimmed)}
        and used_at is null
      returning id`
    return used.length > 0 ? 'recovery_code' : null
  }
  return null
}

/** DELETE /factors/:id: a verified factor needs an aal2 session; sessions it raised go back to aal1. */
export async function unenrollFactor(deps: AuthDeps, { user, claims }: SignedIn, factorId: string) {
  return deps.sql.begin(async (tx) => {
    const factor = await findFactor(tx, user.id, factorId, true)
    const session = await currentSession(tx, claims.session_id as string)
    if (factor.status === 'verified' && session.aal !== 'aal2') {
      throw authError(422, 'insufficient_aal', 'AAL2 required to unenroll verified factor')
    }
    await tx`delete from auth.mfa_factors where id = ${factorId}`
    const left = await tx`select 1 from auth.mfa_factors where user_id = ${user.id} and status = 'verified'`
    if (left.length === 0) {
      await tx`delete from private.mfa_recovery_codes where user_id = ${user.id}`
      await tx`update auth.sessions set aal = 'aal1', factor_id = null where user_id = ${user.id}`
      await tx`delete from auth.mfa_amr_claims c using auth.sessions s
               where c.session_id = s.id and s.user_id = ${user.id}`
    } else {
      await tx`update auth.sessions set aal = 'aal1', factor_id = null where factor_id = ${factorId}`
    }
    await auditAuth(tx, 'auth.mfa_factor_unenrolled', user.id, user.id, { factor_id: factorId })
    return { id: factorId }
  })
}

/**
 * POST /recovery_codes (ours): RECOVERY_CODE_COUNT new codes, replacing any earlier ones, for a
 * session at aal2. Only their hashes are kept: the answer is the one time they are shown.
 */
export async function newRecoveryCodes(deps: AuthDeps, { user, claims }: SignedIn) {
  const session = await currentSession(deps.sql, claims.session_id as string)
  if (session.aal !== 'aal2') {
    throw authError(403, 'insufficient_aal', 'AAL2 required to create recovery codes')
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  const hashes = await Promise.all(codes.map((code) => recoveryHash(user.id, code)))
  await deps.sql.begin(async (tx) => {
    await tx`delete from private.mfa_recovery_codes where user_id = ${user.id}`
    await tx`insert into private.mfa_recovery_codes ${tx(hashes.map((code_hash) => ({ user_id: user.id, code_hash })))}`
    await auditAuth(tx, 'auth.mfa_recovery_codes_created', user.id, user.id)
  })
  return { recovery_codes: codes }
}

/** GET /recovery_codes (ours): how many unused codes are left. */
export async function recoveryCodesLeft(sql: Db, userId: string) {
  const [row] = await sql<{ left: number }[]>`
    select count(*)::int as left from private.mfa_recovery_codes where user_id = ${userId} and used_at is null`
  return { remaining: row.left }
}
