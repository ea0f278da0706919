import { batch, createEffect, createSignal, on } from 'solid-js'
import { Notification, userTopic } from '../../../../edge/contract/support.ts'
import { errorMessage } from '../../api/errors.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useLiveTopic } from '../../shell/state/live.ts'
import { fetchNotifications, markNotificationsRead } from './api.ts'

const LIMIT = 30

/**
 * The signed-in person's notifications: loaded once per person, kept live through `user:<id>`
 * (reloaded after every reconnect so nothing is missed), marked read optimistically.
 */
export function useNotifications() {
  const { session } = useApp()
  const [items, setItems] = createSignal<Notification[]>([])
  const [unread, setUnread] = createSignal(0)
  const [loaded, setLoaded] = createSignal(false)
  const [error, setError] = createSignal<string>()
  let loading = 0

  async function load() {
    const me = session.userId()
    if (!me) return
    const mine = ++loading
    try {
      const list = await fetchNotifications(LIMIT)
      if (mine !== loading || session.userId() !== me) return
      batch(() => {
        setItems(list.items)
        setUnread(list.unread)
        setLoaded(true)
        setError()
      })
    } catch (e) {
      if (mine === loading) setError(errorMessage(e))
    }
  }

  createEffect(
    on(session.userId, (id) => {
      batch(() => {
        setItems([])
        setUnread(0)
        setLoaded(false)
        setError()
      })
      if (id) void load()
    }),
  )

  useLiveTopic(() => (session.userId() ? userTopic(session.userId() as string) : undefined), {
    onSubscribed: () => void load(),
    onEvent: (event) => {
      if (event.event !== 'notification') return
      const parsed = Notification.safeParse(event.data)
      if (!parsed.success) return
      const n = parsed.data
      if (items().some((x) => x.id === n.id)) return
      batch(() => {
        setItems((list) => [n, ...list].slice(0, LIMIT))
        if (!n.read_at) setUnread((u) => u + 1)
      })
    },
  })

  async function markRead(ids: number[] | 'all') {
    const now = new Date().toISOString()
    const before = { items: items(), unread: unread() }
    const targets = ids === 'all' ? null : new Set(ids)
    const fresh = items().filter((n) => !n.read_at && (!targets || targets.has(n.id))).length
    batch(() => {
      setItems((list) =>
        list.map((n) => (!n.read_at && (!targets || targets.has(n.id)) ? { ...n, read_at: now } : n)),
      )
      setUnread((u) => (ids === 'all' ? 0 : Math.max(0, u - fresh)))
    })
    try {
      await markNotificationsRead(ids)
    } catch (e) {
      batch(() => {
        setItems(before.items)
        setUnread(before.unread)
      })
      throw e
    }
  }

  return { items, unread, loaded, error, reload: load, markRead }
}
