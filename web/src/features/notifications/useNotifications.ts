import { useLocation } from '@solidjs/router'
import { batch, createEffect, createSignal, on, onCleanup } from 'solid-js'
import type { Notification } from '../../../../edge/contract/support.ts'
import { userTopic } from '../../../../edge/contract/support-values.ts'
import { errorMessage } from '../../api/errors.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useLiveStatus, useLiveTopic } from '../../shell/state/live.ts'
import { fetchNotifications, markNotificationsRead } from './api.ts'
import { createLoadPlan } from './notification-loads.ts'
import { onTicketRead } from './ticket-read.ts'

const LIMIT = 30

/** Whether `path` is the page `link` names or one under it (a session's room under the session). */
const isUnder = (path: string, link: string) => !!link && (path === link || path.startsWith(`${link}/`))

/**
 * A live notification checked against the contract, whose schemas load with the first one (not with
 * the bell on every page); undefined when it is not one. Frames keep their order: every call waits
 * on the same import.
 */
async function parseNotification(data: unknown): Promise<Notification | undefined> {
  const { Notification } = await import('../../../../edge/contract/support.ts')
  const parsed = Notification.safeParse(data)
  return parsed.success ? parsed.data : undefined
}
/** How long the first load waits for the live topic (notification-loads.ts). */
const LIVE_WAIT_MS = 4000

/**
 * The signed-in person's notifications, kept live through `user:<id>` and marked read
 * optimistically. One request per page load: the first load is the catch-up that follows the
 * topic's confirmation (notification-loads.ts), and every reconnect loads what was missed.
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

  const plan = createLoadPlan({ load: () => void load(), wait: LIVE_WAIT_MS })
  onCleanup(plan.stop)

  createEffect(
    on(session.userId, (id) => {
      batch(() => {
        setItems([])
        setUnread(0)
        setLoaded(false)
        setError()
      })
      if (id) plan.start()
      else plan.stop()
    }),
  )

  const liveStatus = useLiveStatus()
  createEffect(
    on(liveStatus, (status) => {
      if (status === 'reconnecting' || status === 'closed' || status === 'signed-out') plan.liveDown()
    }),
  )

  useLiveTopic(() => (session.userId() ? userTopic(session.userId() as string) : undefined), {
    onSubscribed: plan.subscribed,
    onRefused: plan.liveDown,
    onEvent: (event) => {
      if (event.event !== 'notification') return
      const me = session.userId()
      void parseNotification(event.data).then((n) => n && session.userId() === me && add(n))
    },
  })

  function add(n: Notification) {
    if (items().some((x) => x.id === n.id)) return
    batch(() => {
      setItems((list) => [n, ...list].slice(0, LIMIT))
      if (!n.read_at) setUnread((u) => u + 1)
    })
  }

  /** Marks the shown notifications that `match` read; `all` also zeroes the count of unshown ones. */
  function markShownRead(match: (n: Notification) => boolean, all = false) {
    const now = new Date().toISOString()
    const fresh = items().filter((n) => !n.read_at && match(n)).length
    batch(() => {
      setItems((list) => list.map((n) => (!n.read_at && match(n) ? { ...n, read_at: now } : n)))
      setUnread((u) => (all ? 0 : Math.max(0, u - fresh)))
    })
  }

  // Opening the page a notification is about (or a page under it, like a session's room) reads it.
  // Each once: a failed mark (offline) is not retried in a loop; the next load shows it unread.
  const location = useLocation()
  const opened = new Set<number>()
  createEffect(() => {
    const here = location.pathname
    const ids = items()
      .filter((n) => !n.read_at && !opened.has(n.id) && isUnder(here, n.link))
      .map((n) => n.id)
    for (const id of ids) opened.add(id)
    if (ids.length) void markRead(ids).catch(() => {})
  })

  // The ticket page read a ticket: the server marked its notifications read, and so does the bell.
  onCleanup(onTicketRead((ticketId) => markShownRead((n) => n.ticket_id === ticketId)))

  async function markRead(ids: number[] | 'all') {
    const before = { items: items(), unread: unread() }
    const targets = ids === 'all' ? null : new Set(ids)
    markShownRead((n) => !targets || targets.has(n.id), ids === 'all')
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
