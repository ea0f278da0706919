import type { TicketMessage, TicketRead } from '../../../../edge/contract/support.ts'
import { intlLocale, translator } from '../../lib/i18n/i18n.ts'
import { dateTimeFormat, numberFormat } from '../../lib/intl-cache.ts'
import { messages } from './messages.ts'

const t = translator(messages)

// A ticket's conversation in the browser (merging the messages: message-log.ts): read markers,
// "Seen" under the last own message, the typing indicator.

/** A read marker added or moved forward (markers never move back). */
export function upsertRead(reads: readonly TicketRead[], read: TicketRead): TicketRead[] {
  const old = reads.find((r) => r.user_id === read.user_id)
  if (old && old.last_read_id >= read.last_read_id) return [...reads]
  return [...reads.filter((r) => r.user_id !== read.user_id), read]
}

/**
 * The message that shows "Seen": my last message the other side has read. The other side of a
 * requester is anyone on the staff; of a staff member, the requester. Internal notes and system
 * lines are never "seen" by the requester, so they do not count.
 */
export function seenMessage(
  messages: readonly TicketMessage[],
  reads: readonly TicketRead[],
  myId: string,
  requesterId: string,
): { id: number; readAt: string } | null {
  const mine = messages.filter((m) => m.author_id === myId && !m.system && !m.internal)
  const last = mine[mine.length - 1]
  if (!last) return null
  const iAmRequester = myId === requesterId
  const other = reads
    .filter((r) => (iAmRequester ? r.user_id !== requesterId : r.user_id === requesterId))
    .filter((r) => r.last_read_id >= last.id)
    .sort((a, b) => Date.parse(a.read_at) - Date.parse(b.read_at))[0]
  return other ? { id: last.id, readAt: other.read_at } : null
}

/** "14:05" today, "21 Nov, 14:05" on another day. */
export function shortTime(value: string, now = new Date(), locale = intlLocale()): string {
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  return d.toDateString() === now.toDateString()
    ? dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(d)
    : dateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d)
}

/** "Faith is typing…", "Faith and Brian are typing…", "3 people are typing…"; "" for nobody. */
export function typingLabel(names: readonly string[]): string {
  if (names.length === 0) return ''
  if (names.length === 1) return t('thread.typingOne', { name: names[0] })
  if (names.length === 2) return t('thread.typingTwo', { first: names[0], second: names[1] })
  return t('thread.typingMany', { count: names.length })
}

/** "3,650 / 4,000" once a message is near its limit (80 %), with whether it is over. */
export function charCounter(
  length: number,
  limit: number,
  locale = intlLocale(),
): { text: string; over: boolean } | null {
  if (length < limit * 0.8) return null
  const fmt = numberFormat(locale)
  return { text: `${fmt.format(length)} / ${fmt.format(limit)}`, over: length > limit }
}

interface Timers {
  now: () => number
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

/**
 * Sends "typing" while someone types: at most once per `every` ms while keys keep coming, and
 * "stopped" after `idle` ms without a key (or at once on stop(), e.g. after sending).
 */
export function createTypingSender(
  publish: (typing: boolean) => void,
  opts: { every?: number; idle?: number; timers?: Timers } = {},
) {
  const every = opts.every ?? 2_000
  const idle = opts.idle ?? 4_000
  const t = opts.timers ?? realTimers
  let typing = false
  let lastSent = Number.NEGATIVE_INFINITY
  let idleTimer: unknown

  const stop = () => {
    t.clearTimeout(idleTimer)
    idleTimer = undefined
    if (!typing) return
    typing = false
    lastSent = Number.NEGATIVE_INFINITY
    publish(false)
  }

  return {
    /** A key was typed. */
    input() {
      const now = t.now()
      if (!typing || now - lastSent >= every) {
        typing = true
        lastSent = now
        publish(true)
      }
      t.clearTimeout(idleTimer)
      idleTimer = t.setTimeout(stop, idle)
    },
    stop,
  }
}

/** Who is typing, from `typing` events; a person drops out after `ttl` ms without an update. */
export function createTypingTracker(
  onChange: (names: string[]) => void,
  opts: { ttl?: number; timers?: Timers } = {},
) {
  const ttl = opts.ttl ?? 6_000
  const t = opts.timers ?? realTimers
  const people = new Map<string, { name: string; timer: unknown }>()
  const emit = () => onChange([...people.values()].map((p) => p.name))

  const remove = (userId: string) => {
    const p = people.get(userId)
    if (!p) return
    t.clearTimeout(p.timer)
    people.delete(userId)
    emit()
  }

  return {
    /** A `typing` event from `userId`. */
    update(userId: string, name: string, typing: boolean) {
      if (!typing) return remove(userId)
      const p = people.get(userId)
      if (p) t.clearTimeout(p.timer)
      people.set(userId, { name, timer: t.setTimeout(() => remove(userId), ttl) })
      if (!p || p.name !== name) emit()
    },
    /** Someone's message arrived: they stopped typing. */
    remove,
    clear() {
      for (const p of people.values()) t.clearTimeout(p.timer)
      people.clear()
      emit()
    },
  }
}
