// Encrypts secrets kept in the database (a school's AI provider keys): AES-256-GCM with a key
// derived (HKDF-SHA-256) from one server secret, so a copy of the database alone reveals nothing.
// Web Crypto only: the same code under Deno (edge functions) and Node (tests).

const VERSION = 1
const IV_BYTES = 12
const encoder = new TextEncoder()

export interface SecretBox {
  seal(plain: string): Promise<Uint8Array>
  open(sealed: Uint8Array): Promise<string>
}

/**
 * A box keyed from `secret` (`AI_KEYS_SECRET`, at least 32 characters; see aiKeysSecret). Sealed
 * bytes: version (1 byte) · IV (12) · ciphertext with its 16-byte tag. `purpose` separates keys.
 */
export async function createSecretBox(
  secret: string,
  purpose = 'kipindi ai provider keys',
): Promise<SecretBox> {
  if (secret.length < 32) throw new Error('The secret of a secret box needs at least 32 characters.')
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
  const key = await crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('kipindi secret box v1'),
      info: encoder.encode(purpose),
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
  return {
    async seal(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
      const body = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(plain)),
      )
      const out = new Uint8Array(1 + IV_BYTES + body.length)
      out[0] = VERSION
      out.set(iv, 1)
      out.set(body, 1 + IV_BYTES)
      return out
    },
    async open(sealed) {
      if (sealed[0] !== VERSION || sealed.length < 1 + IV_BYTES + 16) throw new Error('Not a sealed secret.')
      const iv = sealed.slice(1, 1 + IV_BYTES)
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed.slice(1 + IV_BYTES))
      return new TextDecoder().decode(plain)
    },
  }
}

/**
 * The server secret for provider keys: `AI_KEYS_SECRET`, or else one derived from the service role
 * key (the embedded default, where both live in `.data/`). Production sets AI_KEYS_SECRET so that
 * rotating the service role key does not make stored provider keys unreadable.
 */
export function aiKeysSecret(env: { AI_KEYS_SECRET?: string; SUPABASE_SERVICE_ROLE_KEY: string }): string {
  return env.AI_KEYS_SECRET || `derived-from-service-role:${env.SUPABASE_SERVICE_ROLE_KEY}`
}

/** The last 4 characters of a key, the only part ever shown again. */
export const lastFour = (key: string) => key.trim().slice(-4)
