import type { AuthChangeEvent, Session } from '@supabase/auth-js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Auth, lazyAuth, storedSession, whenAuthDue } from './lazy-auth.ts'

type Listener = (event: AuthChangeEvent, session: Session | null) => void

/** A stand-in with the two members the proxy treats differently, recording what it was asked. */
function fakeAuth() {
  const listeners = new Set<Listener>()
  const auth = {
    calls: [] as unknown[][],
    async getSession(this: { calls: unknown[][] }, ...args: unknown[]) {
      this.calls.push(args)
      return { data: { session: null }, error: null }
    },
    onAuthStateChange(callback: Listener) {
      listeners.add(callback)
      return { data: { subscription: { id: 'x', callback, unsubscribe: () => listeners.delete(callback) } } }
    },
    emit: (event: AuthChangeEvent) => {
      for (const l of listeners) l(event, null)
    },
  }
  return auth
}

describe('lazyAuth', () => {
  it('forwards calls once the client has loaded, with `this` bound to it', async () => {
    const real = fakeAuth()
    let resolve!: (a: Auth) => void
    const auth = lazyAuth(() => new Promise((r) => (resolve = r)))
    const answer = auth.getSession()
    resolve(real as unknown as Auth)
    expect(await answer).toEqual({ data: { session: null }, error: null })
    expect(real.calls).toEqual([[]])
  })

  it('forwards the mfa namespace’s calls too, with `this` bound to it', async () => {
    const mfa = {
      factors: ['f1'],
      async listFactors(this: { factors: string[] }) {
        return { data: { all: this.factors }, error: null }
      },
    }
    const auth = lazyAuth(async () => ({ mfa }) as unknown as Auth)
    expect(await auth.mfa.listFactors()).toEqual({ data: { all: ['f1'] }, error: null })
  })

  it('subscribes at once and delivers events after loading; unsubscribing before or after stops them', async () => {
    const real = fakeAuth()
    const auth = lazyAuth(async () => real as unknown as Auth)
    const seen: string[] = []
    const kept = auth.onAuthStateChange((event) => void seen.push(`kept:${event}`))
    const early = auth.onAuthStateChange((event) => void seen.push(`early:${event}`))
    early.data.subscription.unsubscribe()
    await auth.getSession()
    real.emit('SIGNED_IN')
    kept.data.subscription.unsubscribe()
    real.emit('SIGNED_OUT')
    expect(seen).toEqual(['kept:SIGNED_IN'])
  })

  it('answers with the saved session until the library is in, then asks the library', async () => {
    const real = fakeAuth()
    const saved = { access_token: 'a', user: { id: 'u1' } } as unknown as Session
    let resolve!: (a: Auth) => void
    const auth = lazyAuth(
      () => new Promise((r) => (resolve = r)),
      () => saved,
    )
    const seen: unknown[] = []
    auth.onAuthStateChange((event, session) => void seen.push([event, session?.user.id]))
    expect(seen).toEqual([['INITIAL_SESSION', 'u1']])
    expect(await auth.getSession()).toEqual({ data: { session: saved }, error: null })
    expect(real.calls).toEqual([])
    await new Promise((r) => setTimeout(r)) // the library is asked for once the page is idle
    resolve(real as unknown as Auth)
    await new Promise((r) => setTimeout(r))
    expect(await auth.getSession()).toEqual({ data: { session: null }, error: null })
    expect(real.calls).toEqual([[]])
  })
})

describe('storedSession', () => {
  const key = 'sb-localhost-auth-token'
  const now = Date.parse('2026-12-05T12:00:00Z')
  const storage = (value: unknown) => () => ({
    getItem: (k: string) => (k === key ? JSON.stringify(value) : null),
  })
  const session = (expiresInS: number) => ({
    access_token: 'a',
    refresh_token: 'r',
    expires_at: now / 1000 + expiresInS,
    user: { id: 'u1' },
  })

  it('reads a session whose token is still good', () => {
    expect(storedSession(storage(session(3600)), key, now)?.user.id).toBe('u1')
  })

  it('leaves a token about to expire, a missing or broken entry and blocked storage to the library', () => {
    expect(storedSession(storage(session(60)), key, now)).toBeNull()
    expect(storedSession(storage(null), key, now)).toBeNull()
    expect(storedSession(storage({ access_token: 'a' }), key, now)).toBeNull()
    const blocked = () => {
      throw new DOMException('blocked', 'SecurityError')
    }
    expect(storedSession(blocked, key, now)).toBeNull()
  })
})

describe('whenAuthDue', () => {
  const key = 'sb-localhost-auth-token'
  const now = Date.parse('2026-12-05T12:00:00Z')
  const expiresAt = now + 3600_000 // a fresh hour-long token
  /** A window and a document to dispatch on, the document's visibility settable. */
  function targets() {
    const document = Object.assign(new EventTarget(), {
      visibilityState: 'visible' as DocumentVisibilityState,
    })
    return { window: new EventTarget(), document }
  }
  const storage = (k: string | null) => Object.assign(new Event('storage'), { key: k })

  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(now)
  })
  afterEach(() => vi.useRealTimers())

  it('waits until 30 s before the refresh margin (90 s) of the saved token, then runs once', () => {
    const t = targets()
    let runs = 0
    whenAuthDue(expiresAt, key, () => runs++, t)
    vi.advanceTimersByTime(3600_000 - 120_000 - 1)
    expect(runs).toBe(0)
    vi.advanceTimersByTime(1)
    expect(runs).toBe(1)
    t.window.dispatchEvent(storage(key))
    t.document.dispatchEvent(new Event('visibilitychange'))
    expect(runs).toBe(1)
  })

  it('runs at once when another tab changes the saved session or clears storage, not for other keys', () => {
    for (const changed of [key, null]) {
      const t = targets()
      let runs = 0
      whenAuthDue(expiresAt, key, () => runs++, t)
      t.window.dispatchEvent(storage('kipindi.theme'))
      expect(runs).toBe(0)
      t.window.dispatchEvent(storage(changed))
      expect(runs).toBe(1)
      vi.runAllTimers()
      expect(runs).toBe(1)
    }
  })

  it('runs when the tab shows again past its time (a sleeping tab’s timer runs late), not before', () => {
    const t = targets()
    let runs = 0
    whenAuthDue(
      expiresAt,
      key,
      () => runs++,
      t,
      () => Date.now(),
    )
    t.document.dispatchEvent(new Event('visibilitychange'))
    expect(runs).toBe(0)
    vi.setSystemTime(expiresAt) // the clock moved on while the timer was held back
    t.document.visibilityState = 'hidden'
    t.document.dispatchEvent(new Event('visibilitychange'))
    expect(runs).toBe(0)
    t.document.visibilityState = 'visible'
    t.document.dispatchEvent(new Event('visibilitychange'))
    expect(runs).toBe(1)
  })
})
