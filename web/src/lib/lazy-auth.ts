import type { AuthChangeEvent, AuthClient, Session, Subscription } from '@supabase/auth-js'

/** Supabase Auth's client (`supabase.auth` in supabase-js). */
export type Auth = InstanceType<typeof AuthClient>

type Listener = (event: AuthChangeEvent, session: Session | null) => void | Promise<void>

/** auth-js refreshes a session this close to its expiry; a stored one this close is not used as it is. */
const EXPIRY_MARGIN_MS = 90_000

/**
 * The session auth-js saved under `storageKey` (the JSON it writes to localStorage), while its
 * access token is still good: what the library itself would answer at start, without its
 * network. Null when there is none, it is about to expire (the library refreshes it) or storage
 * is blocked.
 */
export function storedSession(
  storage: () => Pick<Storage, 'getItem'>,
  storageKey: string,
  now = Date.now(),
): Session | null {
  try {
    const saved = JSON.parse(storage().getItem(storageKey) ?? 'null') as Partial<Session> | null
    if (!saved?.access_token || !saved.user || typeof saved.expires_at !== 'number') return null
    return saved.expires_at * 1000 - EXPIRY_MARGIN_MS > now ? (saved as Session) : null
  } catch {
    return null
  }
}

/** What whenAuthDue listens to: the window (storage events) and the document (visibility). */
export interface DueTargets {
  window: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  document: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & {
    readonly visibilityState: DocumentVisibilityState
  }
}

/**
 * Runs `work` (once) when a tab that started from a saved session needs the Auth library: 30 s
 * before the token comes within the library's refresh margin (it refreshes it then), when another
 * tab changes the saved session (it signed out, or refreshed it), or when this tab shows again
 * past that time (a sleeping tab's timer runs late). Until then no page needs the library, and
 * loading it cost a phone's main thread about as much as rendering the page.
 */
export function whenAuthDue(
  expiresAtMs: number,
  storageKey: string,
  work: () => void,
  targets: DueTargets = { window, document },
  now = Date.now,
): void {
  const dueAt = expiresAtMs - EXPIRY_MARGIN_MS - 30_000
  const onStorage = (event: Event) => {
    const key = (event as StorageEvent).key
    if (key === storageKey || key === null) run() // null: storage cleared
  }
  const onShown = () => {
    if (targets.document.visibilityState === 'visible' && now() >= dueAt) run()
  }
  const timer = setTimeout(() => run(), Math.min(Math.max(0, dueAt - now()), 2 ** 31 - 1))
  targets.window.addEventListener('storage', onStorage)
  targets.document.addEventListener('visibilitychange', onShown)
  function run() {
    clearTimeout(timer)
    targets.window.removeEventListener('storage', onStorage)
    targets.document.removeEventListener('visibilitychange', onShown)
    work()
  }
}

/**
 * Supabase Auth that arrives after the first screen: `load` starts at once (or `later`, see
 * below) and every call waits for it. The page paints without the Auth library (a fifth of
 * the first load). While `stored` gives a saved session whose token is still good, `getSession` and
 * the first `onAuthStateChange` event answer with it, so signed-in pages and their API calls need
 * not wait for the library; otherwise whatever needs the session waits for it. `onAuthStateChange`
 * subscribes to the real client when it is there.
 */
export function lazyAuth(
  load: () => Promise<Auth>,
  stored: () => Session | null = () => null,
  later: (saved: Session, work: () => void) => void = (_, work) => setTimeout(work, 0),
): Auth {
  let loading: Promise<Auth> | undefined
  let loaded = false
  // Resolved when the library is in, without asking for it (subscriptions wait on this, so that
  // subscribing does not pull the library in ahead of `later`).
  let arrive!: (auth: Auth) => void
  const arrived = new Promise<Auth>((resolve) => {
    arrive = resolve
  })
  // Not loaded (offline before the service worker kept it): the next call tries again.
  const client = () => {
    loading ??= load().then(
      (auth) => {
        loaded = true
        arrive(auth)
        return auth
      },
      (error) => {
        loading = undefined
        throw error
      },
    )
    return loading
  }
  // With a saved token still good, nothing on the first screen needs the library (its token
  // refresh is at least 90 s away): it loads `later` (runtime.ts: when it is due, whenAuthDue), or
  // as soon as something calls it. Without one (signed out, or a token to refresh) it loads at once.
  const saved = stored()
  if (saved) later(saved, () => void client().catch(() => {}))
  else void client().catch(() => {})
  // Until the library is in, a signed-in visitor's saved session answers for it: the page and
  // its data start one step earlier. The library then takes over (and says so if it differs).
  const early = () => (loaded ? null : stored())
  const getSession = () => {
    const session = early()
    if (session) return Promise.resolve({ data: { session }, error: null })
    return client().then((auth) => auth.getSession())
  }
  const onAuthStateChange = (callback: Listener) => {
    const session = early()
    if (session) void callback('INITIAL_SESSION', session)
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
    const ready = session ? arrived : client()
    ready.then(
      (auth) => {
        if (!ended) inner = auth.onAuthStateChange(callback as Subscription['callback']).data.subscription
      },
      (error) => console.error('Kipindi could not load sign-in:', error),
    )
    return { data: { subscription } }
  }
  // `mfa` is a namespace of async methods too (enroll, challenge, verify…): forwarded the same way.
  const mfa = new Proxy({} as Auth['mfa'], {
    get(_, name) {
      if (name === 'then') return undefined
      return (...args: unknown[]) =>
        client().then((auth) =>
          (auth.mfa[name as keyof Auth['mfa']] as (...a: unknown[]) => unknown).apply(auth.mfa, args),
        )
    },
  })
  // Every other member the app uses is an async method: forward the call once the client is in.
  const proxy = new Proxy({} as Auth, {
    get(_, name) {
      if (name === 'onAuthStateChange') return onAuthStateChange
      if (name === 'getSession') return getSession
      if (name === 'mfa') return mfa
      if (name === 'then') return undefined // not a thenable: `await runtime.supabase.auth` stays the proxy
      return (...args: unknown[]) =>
        client().then((auth) => (auth[name as keyof Auth] as (...a: unknown[]) => unknown).apply(auth, args))
    },
  })
  return proxy
}
