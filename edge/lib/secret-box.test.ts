import { describe, expect, it } from 'vitest'
import { aiKeysSecret, createSecretBox, lastFour } from './secret-box.ts'

const SECRET = 'a-server-secret-of-at-least-32-characters'

describe('secret box', () => {
  it('opens what it sealed, with a fresh IV each time', async () => {
    const box = await createSecretBox(SECRET)
    const a = await box.seal('sk-live-123456789')
    const b = await box.seal('sk-live-123456789')
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false)
    expect(Buffer.from(a).includes(Buffer.from('123456789'))).toBe(false)
    expect(await box.open(a)).toBe('sk-live-123456789')
  })

  it('refuses a tampered box, another secret, another purpose and short secrets', async () => {
    const box = await createSecretBox(SECRET)
    const sealed = await box.seal('key')
    const tampered = sealed.slice()
    tampered[tampered.length - 1] ^= 1
    await expect(box.open(tampered)).rejects.toThrow()
    await expect((await createSecretBox(`${SECRET}x`)).open(sealed)).rejects.toThrow()
    await expect((await createSecretBox(SECRET, 'other')).open(sealed)).rejects.toThrow()
    await expect(box.open(new Uint8Array([9, 1, 2]))).rejects.toThrow('Not a sealed secret.')
    await expect(createSecretBox('short')).rejects.toThrow()
  })

  it('derives the secret from the service role key unless AI_KEYS_SECRET is set', () => {
    expect(aiKeysSecret({ SUPABASE_SERVICE_ROLE_KEY: 'x'.repeat(40) })).toContain('x'.repeat(40))
    expect(aiKeysSecret({ AI_KEYS_SECRET: 'mine', SUPABASE_SERVICE_ROLE_KEY: 'x' })).toBe('mine')
    expect(lastFour(' sk-abcd1234 ')).toBe('1234')
  })
})
