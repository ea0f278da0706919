import { batch, createMemo, createSignal, onCleanup } from 'solid-js'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { intlLocale } from '../../lib/i18n/i18n.ts'
import { lessonCacheName, lessonRoom, yjsServerUrl } from '../../lib/realtime-url.ts'
import { createReauthPolicy, sessionToken, watchNetwork } from '../../lib/reconnect.ts'
import type { SupabaseAuth } from '../../lib/runtime.ts'
import { type ConnectionState, closeAction, connectionState, type EndReason } from './connection-state.ts'

/** Someone in the lesson, from awareness (one entry per person, however many tabs they have open). */
export interface Peer {
  userId: string
  name: string
  color: string
  self: boolean
  /** Open tabs or devices of this person in the lesson. */
  tabs: number
}

/** Who the local person is in awareness (the caret label and colour, the presence list). */
export interface LessonUser {
  id: string
  name: string
  color: string
}

export interface LessonSessionOptions {
  lessonId: string
  /** Base URL of the Supabase-layout origin (config.supabaseUrl). */
  baseUrl: string
  supabase: SupabaseAuth
  user: LessonUser
  /** Connection came back and the draft re-synced; `changed` when local edits were made meanwhile. */
  onBackOnline?: (changed: boolean) => void
}

/**
 * A live lesson draft: a Y.Doc kept in IndexedDB (so it survives reloads and offline edits),
 * synced with the realtime server through a stock y-websocket provider, and awareness for carets
 * and presence. Everything is closed when the owning component is cleaned up.
 */
export function createLessonSession(opts: LessonSessionOptions) {
  const doc = new Y.Doc()
  const persistence = new IndexeddbPersistence(lessonCacheName(opts.lessonId), doc)
  const provider = new WebsocketProvider(yjsServerUrl(opts.baseUrl), lessonRoom(opts.lessonId), doc, {
    connect: false,
    params: {},
    disableBc: false,
    // 4401 is handled below (the reconnect policy); 1009 would only repeat; other 44xx are final.
    shouldReconnect: (event) => closeAction(event.code) === 'retry',
  })
  provider.awareness.setLocalStateField('user', { ...opts.user })

  const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine)
  const [connected, setConnected] = createSignal(false)
  const [synced, setSynced] = createSignal(false)
  const [everSynced, setEverSynced] = createSignal(false)
  const [localReady, setLocalReady] = createSignal(false)
  const [ended, setEnded] = createSignal<{ reason: EndReason; detail?: string }>()
  const [peers, setPeers] = createSignal<Peer[]>([])
  let destroyed = false
  const reauth = createReauthPolicy()
  const token = sessionToken(opts.supabase.auth)
  let away = false
  let changedWhileAway = false
  let lastLocalEdit = 0

  const state = createMemo<ConnectionState>(() =>
    connectionState({
      ended: ended() !== undefined,
      online: online(),
      connected: connected(),
      synced: synced(),
      everSynced: everSynced(),
    }),
  )

  /**
   * Puts the newest access token in the URL the provider opens next (the session may have
   * refreshed; `refresh`: ask the auth server for a new one).
   */
  const useFreshToken = async (refresh = false) => {
    const t = await token(refresh)
    if (t) provider.params = { ...provider.params, token: t }
    return t
  }

  function end(reason: EndReason, detail?: string) {
    if (destroyed || ended()) return
    setEnded({ reason, detail })
    provider.disconnect()
    // A lesson the person may no longer read (or that is gone) must not stay in this browser.
    if (reason === 'revoked' || reason === 'gone') void persistence.clearData().catch(() => {})
  }

  provider.on('status', ({ status }) => {
    setConnected(status === 'connected')
    if (status === 'disconnected' && everSynced()) away = true
  })
  provider.on('sync', (isSynced: boolean) => {
    setSynced(isSynced)
    if (!isSynced) return
    reauth.accepted()
    if (everSynced() && away) opts.onBackOnline?.(changedWhileAway)
    away = false
    changedWhileAway = false
    setEverSynced(true)
  })
  provider.on('connection-close', () => {
    setSynced(false)
    void useFreshToken()
  })
  provider.on('closed', ({ code, reason }) => {
    const action = closeAction(code)
    if (action === 'retry') return
    if (action !== 'reauth') return end(action, reason)
    if (reauth.afterClose(code) === 'signed-out') return end('signed-out')
    void useFreshToken(true)
      .then((t) => {
        if (destroyed) return
        if (!t) return end('signed-out')
        provider.connect()
      })
      .catch(() => end('signed-out'))
  })

  // Local edits while disconnected are what "your changes are merged" refers to.
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === persistence) return
    lastLocalEdit = Date.now()
    if (away || !synced()) changedWhileAway = true
  }
  doc.on('update', onUpdate)

  const readPeers = () => {
    const byUser = new Map<string, Peer>()
    const me = provider.awareness.clientID
    for (const [clientId, st] of provider.awareness.getStates()) {
      const user = (st as { user?: Partial<LessonUser> }).user
      if (!user?.name) continue
      const key = user.id ?? `client:${clientId}`
      const existing = byUser.get(key)
      if (existing) {
        existing.tabs += 1
        existing.self ||= clientId === me
      } else {
        byUser.set(key, {
          userId: key,
          name: user.name,
          color: user.color ?? '#55625f',
          self: clientId === me || user.id === opts.user.id,
          tabs: 1,
        })
      }
    }
    setPeers(
      [...byUser.values()].sort(
        (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, intlLocale()),
      ),
    )
  }
  provider.awareness.on('change', readPeers)
  readPeers()

  void persistence.whenSynced.then(() => !destroyed && setLocalReady(true))

  // The browser knows the network is gone before the socket does (a dead socket can look open for
  // a while and swallow updates): close it now, and reconnect with a full sync when back online.
  const goOnline = () => {
    setOnline(true)
    if (ended()) return
    void useFreshToken().then(() => !destroyed && !ended() && provider.connect())
  }
  const goOffline = () => {
    batch(() => {
      setOnline(false)
      if (everSynced()) away = true
    })
    if (!ended()) provider.disconnect()
  }
  const unwatchNetwork = watchNetwork({ online: goOnline, offline: goOffline })

  // A refreshed session is used by the next reconnect; signing out ends the session.
  const { data: auth } = opts.supabase.auth.onAuthStateChange((event, session) => {
    if (session?.access_token) provider.params = { ...provider.params, token: session.access_token }
    if (event === 'SIGNED_OUT') end('signed-out')
  })

  void useFreshToken().then((t) => {
    if (destroyed) return
    if (!t) return end('signed-out')
    provider.connect()
  })

  onCleanup(() => {
    destroyed = true
    auth.subscription.unsubscribe()
    unwatchNetwork()
    provider.awareness.off('change', readPeers)
    doc.off('update', onUpdate)
    provider.destroy()
    void persistence.destroy()
    doc.destroy()
  })

  return {
    doc,
    provider,
    /** The indicator state: connecting, connected, reconnecting, offline or ended. */
    state,
    /** Set when the server ended the session for good (access removed, lesson deleted…). */
    ended,
    /** People in the lesson now (the local person first). */
    peers,
    /** True once the browser's cached copy of the draft is loaded (it shows even offline). */
    localReady,
    /** True while connected and in sync with the server (publishing needs this). */
    live: () => state() === 'connected',
    /** When this browser last changed the draft (ms since the epoch; 0: not yet). */
    lastLocalEdit: () => lastLocalEdit,
  }
}

export type LessonSession = ReturnType<typeof createLessonSession>
