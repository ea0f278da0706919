import type { AuthChangeEvent, Session } from '@supabase/auth-js'
import { describe, expect, it } from 'vitest'
import { type Auth, lazyAuth } from './lazy-auth.ts'

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
})
