import {
  type CryptoKey,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose'

/** The claims of a Supabase Auth access token. */
export interface Claims extends JWTPayload {
  sub: string
  role: 'authenticated'
  aud: 'authenticated'
  email: string
  phone: string
  session_id: string
  app_metadata: { provider?: string; providers?: string[]; platform_role?: string; [k: string]: unknown }
  user_metadata: Record<string, unknown>
  aal: 'aal1' | 'aal2'
  amr: { method: string; timestamp: number }[]
  is_anonymous: boolean
}

/** The claims of a token a superadmin uses while acting as someone, or null for anyone's own. */
export function actingFor(claims: Claims): { superadmin: string; impersonation: string } | null {
  const act = (claims as { act?: { sub?: unknown } }).act
  const id = (claims as { impersonation_id?: unknown }).impersonation_id
  if (typeof act?.sub !== 'string' || typeof id !== 'string') return null
  return { superadmin: act.sub, impersonation: id }
}

export interface VerifierOptions {
  issuer: string
  /** Public keys (the local stack passes them in; hosted projects fetch them). */
  jwks?: JSONWebKeySet
  jwksUrl?: string
  /** Legacy HS256 secret; HS256 is refused unless this is set. */
  hsSecret?: string
}

export class TokenError extends Error {}

/**
 * Verifies Supabase JWTs: ES256 via JWKS (and HS256 only with a configured legacy secret),
 * checking `iss`, `exp` and, for access tokens, `aud=authenticated`. The one place tokens are read.
 */
export function createVerifier(opts: VerifierOptions) {
  const keySet = opts.jwks
    ? createLocalJWKSet(opts.jwks)
    : createRemoteJWKSet(new URL(opts.jwksUrl ?? `${opts.issuer}/.well-known/jwks.json`))
  const secret = opts.hsSecret ? new TextEncoder().encode(opts.hsSecret) : undefined

  async function verify(token: string, audience?: string): Promise<JWTPayload> {
    try {
      const header = JSON.parse(atob(token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/'))) as {
        alg?: string
      }
      if (header.alg === 'HS256' && secret) {
        return (await jwtVerify(token, secret, { algorithms: ['HS256'], audience })).payload
      }
      return (await jwtVerify(token, keySet, { algorithms: ['ES256'], issuer: opts.issuer, audience }))
        .payload
    } catch (error) {
      throw new TokenError(error instanceof Error ? error.message : 'invalid token')
    }
  }

  return {
    /** A signed-in user's access token: claims, or TokenError. */
    async verifyAccessToken(token: string): Promise<Claims> {
      const payload = await verify(token, 'authenticated')
      if (
        payload.role !== 'authenticated' ||
        typeof payload.sub !== 'string' ||
        typeof payload.session_id !== 'string'
      ) {
        throw new TokenError('not a user access token')
      }
      return payload as Claims
    },
    /** An API key (anon or service_role JWT): its role, or TokenError. */
    async verifyApiKey(token: string): Promise<'anon' | 'service_role'> {
      const payload = await verify(token)
      if (payload.role !== 'anon' && payload.role !== 'service_role') throw new TokenError('not an API key')
      return payload.role
    },
  }
}
export type Verifier = ReturnType<typeof createVerifier>

export interface SigningKey {
  kid: string
  privateJwk: JWK
  publicJwk: JWK
}

/** A new ES256 key pair with a random `kid`, as Supabase's asymmetric JWT signing keys. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = crypto.randomUUID()
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' }
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }
  return { kid, privateJwk, publicJwk }
}

/** Imports a private JWK for signing. */
export async function importSigningKey(jwk: JWK): Promise<{ kid: string; key: CryptoKey }> {
  if (!jwk.kid) throw new Error('signing key needs a kid')
  return { kid: jwk.kid, key: (await importJWK(jwk, 'ES256')) as CryptoKey }
}

/** Signs a JWT with ES256 and the key's `kid`. */
export function signJwt(payload: JWTPayload, key: { kid: string; key: CryptoKey }): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' }).sign(key.key)
}

/** The anon and service_role API keys: long-lived JWTs with only a role, as Supabase issues. */
export async function signApiKeys(key: { kid: string; key: CryptoKey }, issuer: string) {
  const now = Math.floor(Date.now() / 1000)
  const tenYears = 10 * 365 * 24 * 3600
  const sign = (role: string) => signJwt({ iss: issuer, role, iat: now, exp: now + tenYears }, key)
  return { anonKey: await sign('anon'), serviceRoleKey: await sign('service_role') }
}
