// A TCP proxy in front of Postgres that reads the wire protocol both ways and counts what a
// request costs: messages sent, statements completed, and round trips (a client write that had
// to wait for the server: the server spoke since the client's previous write).
import net from 'node:net'

export interface WireCounts {
  /** Client writes that followed a server reply: network round trips. */
  roundTrips: number
  /** Extended-protocol statements (Execute) and simple-protocol messages (Query). */
  executes: number
  simpleQueries: number
  /** Parse messages: statements prepared (postgres.js caches them per connection). */
  parses: number
  syncs: number
  /** Statements the server completed (CommandComplete) and failed (ErrorResponse). */
  completed: number
  errors: number
  readyForQuery: number
}

const zero = (): WireCounts => ({
  roundTrips: 0,
  executes: 0,
  simpleQueries: 0,
  parses: 0,
  syncs: 0,
  completed: 0,
  errors: 0,
  readyForQuery: 0,
})

/** Splits a Postgres message stream into type bytes; the first client message has no type. */
function messageReader(untypedFirst: boolean, onType: (type: string) => void) {
  let buf: Buffer = Buffer.alloc(0)
  let untyped = untypedFirst
  let rawBytes = 0
  return {
    /** The server answers an SSLRequest with one raw byte. */
    expectRawByte() {
      rawBytes++
    },
    push(chunk: Buffer) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk
      for (;;) {
        if (rawBytes > 0 && buf.length > 0) {
          rawBytes--
          buf = buf.subarray(1)
          continue
        }
        if (untyped) {
          if (buf.length < 8) return
          const len = buf.readInt32BE(0)
          if (buf.length < len) return
          const code = buf.readInt32BE(4)
          onType(code === 80877103 ? 'ssl' : 'startup')
          // After SSLRequest another untyped startup message follows.
          untyped = code === 80877103
          buf = buf.subarray(len)
          continue
        }
        if (buf.length < 5) return
        const len = buf.readInt32BE(1)
        if (buf.length < 1 + len) return
        onType(String.fromCharCode(buf[0]))
        buf = buf.subarray(1 + len)
      }
    },
  }
}

/** Starts the proxy on a free port of 127.0.0.1, forwarding to Postgres on `targetPort`. */
export async function startPgProxy(targetPort: number) {
  let counts = zero()
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    sockets.add(client).add(upstream)
    let serverSpoke = true
    const fromServer = messageReader(false, (t) => {
      if (t === 'C') counts.completed++
      else if (t === 'E') counts.errors++
      else if (t === 'Z') counts.readyForQuery++
    })
    const fromClient = messageReader(true, (t) => {
      if (t === 'ssl') fromServer.expectRawByte()
      else if (t === 'E') counts.executes++
      else if (t === 'Q') counts.simpleQueries++
      else if (t === 'P') counts.parses++
      else if (t === 'S') counts.syncs++
    })
    client.on('data', (chunk: Buffer) => {
      if (serverSpoke) counts.roundTrips++
      serverSpoke = false
      fromClient.push(chunk)
      upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => {
      serverSpoke = true
      fromServer.push(chunk)
      client.write(chunk)
    })
    const end = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    for (const s of [client, upstream]) {
      s.on('error', end)
      s.on('close', end)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Counts since the last reset. */
    counts: () => ({ ...counts }),
    reset() {
      counts = zero()
    },
    close() {
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
