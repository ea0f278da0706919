// Server-sent events read from a fetch body (the chat is a POST with a bearer token, which
// EventSource cannot send). Bytes arrive in arbitrary chunks: a chunk may end inside a line, inside
// a "\r\n", or inside a multi-byte character; the parser keeps the unfinished part for the next.

/** One event as the stream sent it: its name (`message` when unnamed) and its data lines joined. */
export interface SseEvent {
  event: string
  data: string
}

/** An incremental parser (WHATWG "event stream interpretation"): `push` bytes, `end` at the close. */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  const decoder = new TextDecoder()
  let buffer = ''
  let name = ''
  let data: string[] = []

  function line(text: string) {
    if (text === '') {
      if (data.length > 0) onEvent({ event: name || 'message', data: data.join('\n') })
      name = ''
      data = []
      return
    }
    if (text.startsWith(':')) return // a comment (keep-alive)
    const colon = text.indexOf(':')
    const field = colon < 0 ? text : text.slice(0, colon)
    let value = colon < 0 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') name = value
    else if (field === 'data') data.push(value)
  }

  function drain() {
    for (;;) {
      const at = buffer.search(/\r\n|\r|\n/)
      if (at < 0) return
      // A "\r" at the very end may be the first half of "\r\n": wait for the next chunk.
      if (buffer[at] === '\r' && at === buffer.length - 1) return
      const width = buffer.startsWith('\r\n', at) ? 2 : 1
      const text = buffer.slice(0, at)
      buffer = buffer.slice(at + width)
      line(text)
    }
  }

  return {
    /** Feeds the next bytes (or text) of the body. */
    push(chunk: Uint8Array | string) {
      buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
      drain()
    },
    /** The body ended: a last line without its newline still counts; an unfinished event does not. */
    end() {
      buffer += decoder.decode()
      if (buffer.endsWith('\r')) buffer = `${buffer.slice(0, -1)}\n`
      drain()
      buffer = ''
      name = ''
      data = []
    },
  }
}
