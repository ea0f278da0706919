import { describe, expect, it } from 'vitest'
import type { TicketMessage, TicketRead } from '../../../../edge/contract/support.ts'
import {
  charCounter,
  createTypingSender,
  createTypingTracker,
  seenMessage,
  shortTime,
  typingLabel,
  upsertRead,
} from './support-thread.ts'

const TICKET = '20000000-0000-4000-a000-000000000001'
const KEVIN = '00000000-0000-4000-a000-000000000007'
const FAITH = '00000000-0000-4000-a000-000000000006'

function msg(id: number, author: string | null, extra: Partial<TicketMessage> = {}): TicketMessage {
  return {
    id,
    ticket_id: TICKET,
    author_id: author,
    author_name: author === FAITH ? 'Faith Achieng' : author ? 'Kevin Mwangi' : null,
    author_is_staff: author === FAITH,
    body: `message ${id}`,
    internal: false,
    system: author === null,
    created_at: '2026-11-23T09:00:00Z',
    ...extra,
  }
}
const read = (user: string, last: number, at = '2026-11-23T09:10:00Z'): TicketRead => ({
  ticket_id: TICKET,
  user_id: user,
  last_read_id: last,
  read_at: at,
})

/** Timers driven by hand. */
function fakeTimers() {
  let now = 0
  let seq = 0
  const pending = new Map<number, { at: number; fn: () => void }>()
  return {
    timers: {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => {
        pending.set(++seq, { at: now + ms, fn })
        return seq
      },
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    },
    advance(ms: number) {
      now += ms
      for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now && pending.delete(id)) t.fn()
      }
    },
  }
}

describe('conversation', () => {
  it('moves read markers only forward', () => {
    let reads = upsertRead([], read(FAITH, 3))
    reads = upsertRead(reads, read(FAITH, 2))
    expect(reads).toEqual([read(FAITH, 3)])
    reads = upsertRead(reads, read(FAITH, 5))
    expect(reads[0].last_read_id).toBe(5)
  })

  it('shows Seen under my last message once the other side read it', () => {
    const messages = [msg(1, KEVIN), msg(2, FAITH), msg(3, KEVIN), msg(4, FAITH, { internal: true })]
    // Kevin (requester): seen once someone on the staff read message 3; his own marker does not count.
    expect(seenMessage(messages, [read(KEVIN, 4)], KEVIN, KEVIN)).toBeNull()
    expect(seenMessage(messages, [read(FAITH, 2)], KEVIN, KEVIN)).toBeNull()
    expect(seenMessage(messages, [read(FAITH, 3)], KEVIN, KEVIN)).toEqual({
      id: 3,
      readAt: '2026-11-23T09:10:00Z',
    })
    // Faith (staff): her internal note is not a message Kevin could see; her reply 2 is.
    expect(seenMessage(messages, [read(KEVIN, 2)], FAITH, KEVIN)).toEqual({
      id: 2,
      readAt: '2026-11-23T09:10:00Z',
    })
    expect(seenMessage(messages, [read(FAITH, 4)], FAITH, KEVIN)).toBeNull()
  })

  it('names who is typing', () => {
    expect(typingLabel([])).toBe('')
    expect(typingLabel(['Faith'])).toBe('Faith is typing…')
    expect(typingLabel(['Faith', 'Brian'])).toBe('Faith and Brian are typing…')
    expect(typingLabel(['A', 'B', 'C'])).toBe('3 people are typing…')
  })

  it('counts characters only near the limit', () => {
    expect(charCounter(100, 4000)).toBeNull()
    expect(charCounter(3650, 4000)).toEqual({ text: '3,650 / 4,000', over: false })
    expect(charCounter(4001, 4000)?.over).toBe(true)
  })
})

describe('typing indicator', () => {
  it('sends typing at most every 2 s while keys come, and stopped after 4 s idle', () => {
    const clock = fakeTimers()
    const sent: boolean[] = []
    const sender = createTypingSender((t) => sent.push(t), { timers: clock.timers })
    sender.input()
    clock.advance(500)
    sender.input()
    clock.advance(500)
    sender.input()
    expect(sent).toEqual([true])
    clock.advance(1000)
    sender.input()
    expect(sent).toEqual([true, true])
    clock.advance(3999)
    expect(sent).toEqual([true, true])
    clock.advance(1)
    expect(sent).toEqual([true, true, false])
    sender.stop()
    expect(sent).toEqual([true, true, false])
  })

  it('stops at once when the message is sent', () => {
    const clock = fakeTimers()
    const sent: boolean[] = []
    const sender = createTypingSender((t) => sent.push(t), { timers: clock.timers })
    sender.input()
    sender.stop()
    clock.advance(10_000)
    expect(sent).toEqual([true, false])
  })

  it('forgets a typist who went quiet without saying so', () => {
    const clock = fakeTimers()
    let names: string[] = []
    const tracker = createTypingTracker((n) => (names = n), { timers: clock.timers })
    tracker.update(FAITH, 'Faith', true)
    tracker.update(KEVIN, 'Kevin', true)
    expect(names).toEqual(['Faith', 'Kevin'])
    tracker.update(KEVIN, 'Kevin', false)
    expect(names).toEqual(['Faith'])
    clock.advance(5000)
    tracker.update(FAITH, 'Faith', true)
    clock.advance(5000)
    expect(names).toEqual(['Faith'])
    clock.advance(1000)
    expect(names).toEqual([])
  })
})

describe('message times', () => {
  it('shows the time today and the day before that', () => {
    const now = new Date('2026-11-23T15:00:00')
    expect(shortTime('2026-11-23T14:05:00', now, 'en-GB')).toBe('14:05')
    expect(shortTime('2026-11-21T14:05:00', now, 'en-GB')).toBe('21 Nov, 14:05')
    expect(shortTime('nonsense', now)).toBe('nonsense')
  })
})
