import type { IncomingMessage } from 'node:http'
import { WebSocket } from 'ws'
import type { Claims } from '../../edge/lib/jwt.ts'
import { CloseCode, closeReason } from './close-codes.ts'

/** A socket whose peer does not read what we send is closed past this much unsent data. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export type ConnectionState = 'authenticating' | 'open' | 'closed'

/** One client socket as routes and extensions see it. */
export class Connection {
  readonly id = crypto.randomUUID()
  state: ConnectionState = 'authenticating'
  /** False after a heartbeat ping until the pong arrives. */
  alive = true
  private _claims: Claims | undefined

  constructor(
    readonly socket: WebSocket,
    readonly request: IncomingMessage,
    readonly url: URL,
    /** Path parameters from the route's match (e.g. `{ doc }`). */
    readonly params: Record<string, string>,
  ) {}

  /** The verified access-token claims; set by the auth extension before the socket is ready. */
  get claims(): Claims {
    if (!this._claims) throw new Error('connection is not authenticated')
    return this._claims
  }

  get authenticated(): boolean {
    return this._claims !== undefined
  }

  setClaims(claims: Claims) {
    this._claims = claims
  }

  /** The access token from `?token=`. */
  get token(): string | null {
    return this.url.searchParams.get('token')
  }

  /** Sends a frame if the socket is open; a peer that stops reading is closed rather than buffered. */
  send(data: string | Uint8Array) {
    if (this.socket.readyState !== WebSocket.OPEN) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.POLICY_VIOLATION, 'not reading fast enough')
      return
    }
    this.socket.send(data, () => {})
  }

  /** Sends one JSON message. */
  sendJson(message: unknown) {
    this.send(JSON.stringify(message))
  }

  /** Closes with a named code and a reason the client can read. */
  close(code: number, reason: string) {
    if (this.socket.readyState === WebSocket.CLOSED || this.socket.readyState === WebSocket.CLOSING) return
    this.socket.close(code, closeReason(reason))
  }
}
