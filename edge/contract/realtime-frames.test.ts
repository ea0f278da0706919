import { describe, expect, it } from 'vitest'
import { LiveServerMessage } from './realtime.ts'
import { readLiveServerFrame } from './realtime-frames.ts'

const TICKET = 'ticket:6f1c2a52-3b4d-4e5f-8a9b-0c1d2e3f4a5b'
const USER = '6f1c2a52-3b4d-4e5f-8a9b-0c1d2e3f4a5b'

/** One valid frame of every type, with every optional field. */
const VALID: Record<string, unknown>[] = [
  { type: 'pong', id: 'p1', at: 1_765_000_000_000 },
  { type: 'subscribed', topic: TICKET, id: 7 },
  { type: 'unsubscribed', topic: 'tenant:abc:notifications', id: 'u' },
  { type: 'event', topic: TICKET, event: 'message', data: { body: 'Habari' }, from: USER },
  { type: 'authenticated', exp: 1_765_000_000, id: 3 },
  { type: 'error', code: 'forbidden', message: 'Not yours', id: 'x', topic: TICKET },
]

/** Values each field is tried with, the odd ones included. */
const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  '',
  'x',
  'message',
  'typing_now',
  'Not_a_word',
  'x'.repeat(64),
  'x'.repeat(65),
  `a${':b'.repeat(99)}`,
  `a${':b'.repeat(100)}`,
  TICKET,
  'Ticket:1',
  'ticket:',
  USER,
  USER.toUpperCase(),
  '00000000-0000-0000-0000-000000000000',
  '6f1c2a52-3b4d-9e5f-8a9b-0c1d2e3f4a5b',
  'forbidden',
  'rate_limited',
  'teapot',
  {},
  [],
  ['pong'],
]

/** Every valid frame with one field removed or replaced, plus an unknown field and a wrong type. */
function variants(): unknown[] {
  const out: unknown[] = [null, 1, 'pong', [], {}, { type: 'ping' }, { type: 'toString' }, { type: 1 }]
  for (const frame of VALID) {
    out.push(frame, { ...frame, extra: 'dropped' })
    for (const key of Object.keys(frame)) {
      const { [key]: _, ...without } = frame
      out.push(without)
      for (const value of ODD_VALUES) out.push({ ...frame, [key]: value })
    }
  }
  return out
}

const byZod = (value: unknown) => {
  const result = LiveServerMessage.safeParse(value)
  return result.success ? result.data : undefined
}

describe('readLiveServerFrame', () => {
  it('reads every valid frame as LiveServerMessage does', () => {
    for (const frame of VALID) expect(readLiveServerFrame(frame)).toEqual(frame)
  })

  it('drops the fields a frame does not have, as zod does', () => {
    expect(readLiveServerFrame({ type: 'pong', at: 1, extra: 'x' })).toEqual({ type: 'pong', at: 1 })
  })

  it('accepts and refuses exactly what LiveServerMessage does', () => {
    const frames = variants()
    expect(frames.length).toBeGreaterThan(500)
    for (const frame of frames) {
      expect({ frame, read: readLiveServerFrame(frame) }).toEqual({ frame, read: byZod(frame) })
    }
  })
})
