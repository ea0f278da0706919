import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js'
import {
  createLiveClient,
  type LiveClient,
  type LiveStatus,
  liveUrl,
  type TopicHandlers,
} from '../../lib/live.ts'
import { sessionToken, watchNetwork } from '../../lib/reconnect.ts'
import { runtime } from '../../lib/runtime.ts'

// The tab's one live socket, shared by the bell, the queue and open conversations. It follows the
// Supabase session: a refreshed token is handed to the open socket, another person signing in
// starts a new socket, and the browser's online/offline events reconnect or drop it at once.

let client: LiveClient | undefined

/** The tab's live client, created on first use. */
export function liveClient(): LiveClient {
  if (client) return client
  const { supabase, config } = runtime()
  const live = createLiveClient({ url: liveUrl(config.supabaseUrl), getToken: sessionToken(supabase.auth) })
  let userId: string | undefined
  void supabase.auth.getSession().then(({ data }) => {
    userId ??= data.session?.user.id
  })
  supabase.auth.onAuthStateChange((event, session) => {
    const next = session?.user.id
    if (event === 'SIGNED_OUT' || (next && userId && next !== userId)) {
      userId = next
      live.restart()
      return
    }
    userId = next
    if (event === 'TOKEN_REFRESHED' && session) live.auth(session.access_token)
    if (event === 'SIGNED_IN' && live.status() === 'signed-out') live.restart()
  })
  watchNetwork({ online: () => live.reconnectNow(), offline: () => live.disconnect() })
  client = live
  return live
}

/** The live socket's status as a signal. */
export function useLiveStatus(): Accessor<LiveStatus> {
  const live = liveClient()
  const [status, setStatus] = createSignal(live.status())
  onCleanup(live.onStatus(setStatus))
  return status
}

/**
 * Subscribes to a topic while the calling component lives (and the topic accessor gives one);
 * a new topic value moves the subscription.
 */
export function useLiveTopic(topic: Accessor<string | undefined>, handlers: TopicHandlers) {
  createEffect(() => {
    const t = topic()
    if (!t) return
    onCleanup(liveClient().subscribe(t, handlers))
  })
}
