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
