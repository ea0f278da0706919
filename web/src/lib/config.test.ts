import { describe, expect, it } from 'vitest'
import { loadConfig, parseConfig } from './config.ts'

const origin = 'http://localhost:3000'

describe('parseConfig', () => {
  it('reads the gateway config', () => {
    expect(
      parseConfig({ supabaseUrl: 'http://localhost:3000/', anonKey: 'anon', localMailbox: true }, {}, origin),
    ).toEqual({
      supabaseUrl: 'http://localhost:3000',
      anonKey: 'anon',
      localMailbox: true,
    })
  })

  it('falls back to the build env and resolves relative URLs', () => {
    const env = { VITE_SUPABASE_URL: 'https://abc.supabase.co', VITE_SUPABASE_ANON_KEY: 'k' }
    expect(parseConfig(undefined, env, origin)).toEqual({
      supabaseUrl: 'https://abc.supabase.co',
      anonKey: 'k',
      localMailbox: false,
    })
    expect(parseConfig({ supabaseUrl: '/', anonKey: 'x' }, {}, origin).supabaseUrl).toBe(
      'http://localhost:3000',
    )
  })

  it('explains what is missing', () => {
    expect(() => parseConfig({}, {}, origin)).toThrow(/VITE_SUPABASE_URL/)
  })
})

describe('loadConfig', () => {
  it('ignores an HTML answer (SPA fallback) and uses the build env', async () => {
    const fetchFn = (async () =>
      new Response('<!doctype html>', {
        headers: { 'content-type': 'text/html' },
      })) as unknown as typeof fetch
    const cfg = await loadConfig(
      fetchFn,
      { VITE_SUPABASE_URL: 'https://x.supabase.co', VITE_SUPABASE_ANON_KEY: 'k' },
      origin,
    )
    expect(cfg.supabaseUrl).toBe('https://x.supabase.co')
  })

  it('survives a network error', async () => {
    const fetchFn = (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    await expect(loadConfig(fetchFn, {}, origin)).rejects.toThrow(/configuration/)
  })
})
