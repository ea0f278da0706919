import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { generateSigningKey, importSigningKey, type SigningKey, signApiKeys } from '../../edge/lib/jwt.ts'

export interface LocalKeys {
  signingKey: SigningKey
  anonKey: string
  serviceRoleKey: string
}

/**
 * The local project's JWT signing key and API keys, made on first start and kept in the data dir
 * (like a hosted project's keys, they survive restarts so sessions stay valid).
 */
export async function loadOrCreateKeys(dataDir: string, issuer: string): Promise<LocalKeys> {
  const file = path.join(dataDir, 'keys.json')
  if (existsSync(file)) {
    const keys = JSON.parse(readFileSync(file, 'utf8')) as LocalKeys & { issuer?: string }
    if (keys.issuer === issuer) return keys
  }
  const signingKey = await generateSigningKey()
  const apiKeys = await signApiKeys(await importSigningKey(signingKey.privateJwk), issuer)
  const keys = { signingKey, ...apiKeys }
  writeFileSync(file, JSON.stringify({ ...keys, issuer }, null, 2), { mode: 0o600 })
  return keys
}

/**
 * The bearer token a Prometheus scraper sends to /metrics: KIPINDI_METRICS_TOKEN when set, else one
 * made on first start and kept in the data dir (metrics-token, readable by its owner only).
 */
export function loadOrCreateMetricsToken(dataDir: string, env = process.env): string {
  if (env.KIPINDI_METRICS_TOKEN) return env.KIPINDI_METRICS_TOKEN
  const file = path.join(dataDir, 'metrics-token')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const token = randomBytes(24).toString('base64url')
  writeFileSync(file, `${token}\n`, { mode: 0o600 })
  return token
}
