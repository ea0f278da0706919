// Everything the auth routes share, made once per app: config, pool, keys, verifier, rate limiters.
import type { Context, Hono } from 'hono'
import type { JWK } from 'jose'
import type { z } from 'zod'
import { createDb, type Sql } from '../lib/db.ts'
import { issuerOf, parseEnv } from '../lib/env.ts'
import { validationError } from '../lib/errors.ts'
import { clientIp } from '../lib/http.ts'
import { createVerifier, importSigningKey, type Verifier } from '../lib/jwt.ts'
import { AuthEnv } from './env.ts'
import { type AuthLimits, createLimits } from './limits.ts'
import { allowedOrigins } from './links.ts'
import type { ClientInfo, TokenIssuer } from './sessions.ts'
import { createSmsSender, type SmsSender } from './sms.ts'

export interface AuthDeps {
  env: AuthEnv
  sql: Sql
  issuer: string
  tokens: TokenIssuer
  publicJwk: JWK
  verifier: Verifier
  siteUrl: string
  redirectOrigins: string[]
  limits: AuthLimits
  /** Where phone sign-in codes go (sms.ts). */
  sms: SmsSender
}

export type AuthApp = Hono

/** The public half of an EC private JWK, as published in the JWKS. */
export function publicJwkOf(jwk: AuthEnv['AUTH_SIGNING_JWK']): JWK {
  return {
    kty: jwk.kty,
    crv: jwk.crv,
    x: jwk.x,
    y: jwk.y,
    kid: jwk.kid,
    alg: 'ES256',
    use: 'sig',
    key_ops: ['verify'],
  }
}

/** Parses the environment and builds the shared pieces; throws one readable error on bad config. */
export function createDeps(source: Record<string, string | undefined>): AuthDeps {
  const env = parseEnv(AuthEnv, source)
  const issuer = issuerOf(env.SUPABASE_URL)
  const publicJwk = publicJwkOf(env.AUTH_SIGNING_JWK)
  const signing = importSigningKey(env.AUTH_SIGNING_JWK as JWK)
  signing.catch((e) => console.error('auth: AUTH_SIGNING_JWK cannot be imported', e))
  const siteUrl = env.SITE_URL ?? env.SUPABASE_URL
  return {
    env,
    sql: createDb(env.SUPABASE_DB_URL, { max: env.DB_POOL_MAX, prepare: env.DB_PREPARE }),
    issuer,
    tokens: { issuer, expiresIn: env.AUTH_JWT_EXP, signingKey: () => signing },
    publicJwk,
    verifier: createVerifier({ issuer, jwks: { keys: [publicJwk] }, hsSecret: env.SUPABASE_JWT_SECRET }),
    siteUrl,
    redirectOrigins: allowedOrigins(siteUrl, env.CORS_ORIGINS),
    limits: createLimits(env),
    sms: createSmsSender(env),
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** An address Postgres' inet accepts, or null (x-forwarded-for is whatever the client wrote). */
export function inetOrNull(ip: string): string | null {
  if (IPV4.test(ip)) return ip
  if (!/^[0-9a-f:.]{2,45}$/i.test(ip) || !ip.includes(':')) return null
  try {
    new URL(`http://[${ip}]/`)
    return ip
  } catch {
    return null
  }
}

/** The caller's address and user agent, as sessions record them. */
export function clientInfo(c: Context): ClientInfo {
  return { ip: inetOrNull(clientIp(c)), userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null }
}

/** Validates the query string with a zod schema: 400 validation_failed with field paths otherwise. */
export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const result = schema.safeParse(c.req.query())
  if (!result.success) throw validationError(result.error)
  return result.data
}
