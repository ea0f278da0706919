import { describe, expect, it } from 'vitest'
import { lastMessageId, mergeMessages } from './message-log.ts'

const msg = (id: number, body = `message ${id}`) => ({ id, body })

describe('a conversation', () => {
  it('merges loads, live events and catch-ups into one ordered list', () => {
    const merged = mergeMessages([msg(1), msg(3)], [msg(2), msg(3), msg(4)])
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3, 4])
    expect(lastMessageId(merged)).toBe(4)
    expect(lastMessageId([])).toBe(0)
  })

  it('keeps the list as it is when nothing new came', () => {
    const list = [msg(1), msg(2)]
    expect(mergeMessages(list, [])).toEqual(list)
  })
})
