import type { AuthChangeEvent, AuthClient, Session, Subscription } from '@supabase/auth-js'

/** Supabase Auth's client (`supabase.auth` in supabase-js). */
export type Auth = InstanceType<typeof AuthClient>

type Listener = (event: AuthChangeEvent, session: Session | null) => void | Promise<void>

/**
 * Supabase Auth that arrives after the first screen: `load` starts at once and every call waits
 * for it. The page paints without the Auth library (a fifth of the first load); whatever needs the
 * session (the header's buttons, signed-in pages, API calls) waits for it, as it waited for the
 * stored session to be restored before. `onAuthStateChange` answers at once, like the real one, and
 * subscribes when the client is there.
 */
export function lazyAuth(load: () => Promise<Auth>): Auth {
  let loading: Promise<Auth> | undefined
  // Not loaded (offline before the service worker kept it): the next call tries again.
  const client = () => {
    loading ??= load().catch((error) => {
      loading = undefined
      throw error
    })
    return loading
  }
  void client().catch(() => {})
  const onAuthStateChange = (callback: Listener) => {
    let inner: Subscription | undefined
    let ended = false
    const subscription: Subscription = {
      id: Symbol('lazy'),
      callback: callback as Subscription['callback'],
      unsubscribe: () => {
        ended = true
        inner?.unsubscribe()
      },
    }
    client().then(
      (auth) => {
        if (!ended) inner = auth.onAuthStateChange(callback as Subscription['callback']).data.subscription
      },
      (error) => console.error('Kipindi could not load sign-in:', error),
    )
    return { data: { subscription } }
  }
  // Every other member the app uses is an async method: forward the call once the client is in.
  const proxy = new Proxy({} as Auth, {
    get(_, name) {
      if (name === 'onAuthStateChange') return onAuthStateChange
      if (name === 'then') return undefined // not a thenable: `await runtime.supabase.auth` stays the proxy
      return (...args: unknown[]) =>
        client().then((auth) => (auth[name as keyof Auth] as (...a: unknown[]) => unknown).apply(auth, args))
    },
  })
  return proxy
}
