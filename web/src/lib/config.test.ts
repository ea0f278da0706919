import { describe, expect, it } from 'vitest'
import { inlineConfig, loadConfig, parseConfig } from './config.ts'

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

describe('the inline config (index.html served by the gateway)', () => {
  const served = { supabaseUrl: 'http://localhost:3000/', anonKey: 'inline-anon', localMailbox: true }
  const fetched = { supabaseUrl: 'https://fetched.supabase.co', anonKey: 'fetched-anon' }
  /** A fetch that answers /config.json with `fetched` and counts its calls. */
  function configFetch() {
    const calls: string[] = []
    const fetchFn = (async (url: string) => {
      calls.push(url)
      return Response.json(fetched)
    }) as unknown as typeof fetch
    return { fetchFn, calls }
  }

  it('is read without fetching /config.json', async () => {
    const { fetchFn, calls } = configFetch()
    const cfg = await loadConfig(fetchFn, {}, origin, JSON.stringify(served))
    expect(cfg).toEqual({ supabaseUrl: 'http://localhost:3000', anonKey: 'inline-anon', localMailbox: true })
    expect(calls).toEqual([])
  })

  it('reads values the gateway escaped (\\u003c) as they were', () => {
    const text = JSON.stringify({ ...served, anonKey: 'a</script>b' }).replace(/</g, '\\u003c')
    expect(inlineConfig(text, origin)?.anonKey).toBe('a</script>b')
  })

  it('falls back to fetching /config.json when there is no block (another host)', async () => {
    for (const absent of [undefined, null, '']) {
      const { fetchFn, calls } = configFetch()
      const cfg = await loadConfig(fetchFn, {}, origin, absent)
      expect(cfg.anonKey).toBe('fetched-anon')
      expect(calls).toEqual(['/config.json'])
    }
  })

  it('falls back to fetching /config.json when the block is malformed', async () => {
    for (const bad of [
      '{"supabaseUrl": "http://x',
      'null',
      '[]',
      '{"anonKey":"k"}',
      '{"supabaseUrl":"http://[","anonKey":"k"}',
    ]) {
      const { fetchFn, calls } = configFetch()
      const cfg = await loadConfig(fetchFn, {}, origin, bad)
      expect(cfg.supabaseUrl).toBe('https://fetched.supabase.co')
      expect(calls).toEqual(['/config.json'])
    }
  })
})
