import { describe, expect, it } from 'vitest'
import { createSseParser, type SseEvent } from './sse.ts'

const encode = (text: string) => new TextEncoder().encode(text)

function parse(chunks: (Uint8Array | string)[]): SseEvent[] {
  const events: SseEvent[] = []
  const parser = createSseParser((e) => events.push(e))
  for (const chunk of chunks) parser.push(chunk)
  parser.end()
  return events
}

/** Every way of cutting `bytes` in two. */
function splits(bytes: Uint8Array): Uint8Array[][] {
  return Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.slice(0, i), bytes.slice(i)])
}

describe('createSseParser', () => {
  it('reads named events and joins data lines', () => {
    expect(parse(['event: meta\ndata: {"a":1}\n\nevent: delta\ndata: x\ndata: y\n\n'])).toEqual([
      { event: 'meta', data: '{"a":1}' },
      { event: 'delta', data: 'x\ny' },
    ])
  })

  it('skips comments, unnamed events are "message", a missing space after the colon is fine', () => {
    expect(parse([': keep-alive\n\ndata:plain\n\n'])).toEqual([{ event: 'message', data: 'plain' }])
  })

  it('gives the same events however the bytes are cut, across lines and multi-byte characters', () => {
    const body = encode(
      'event: delta\r\ndata: {"text":"Habari 👋🏽 ya leo — ñ"}\r\n\r\nevent: done\ndata: {}\n\n',
    )
    const whole = parse([body])
    expect(whole).toEqual([
      { event: 'delta', data: '{"text":"Habari 👋🏽 ya leo — ñ"}' },
      { event: 'done', data: '{}' },
    ])
    for (const parts of splits(body)) expect(parse(parts)).toEqual(whole)
  })

  it('reads one byte at a time', () => {
    const body = encode('event: delta\ndata: {"text":"Jibu: 🌍"}\n\n')
    expect(parse([...body].map((b) => Uint8Array.of(b)))).toEqual([
      { event: 'delta', data: '{"text":"Jibu: 🌍"}' },
    ])
  })

  it('treats a lone \\r as a line end, and drops an event the body cut off', () => {
    expect(parse(['data: a\r\rdata: b\n'])).toEqual([{ event: 'message', data: 'a' }])
  })
})
