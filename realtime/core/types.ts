import type { Connection } from './connection.ts'

type MaybePromise<T> = T | Promise<T>

/**
 * Hooks through which behaviour is added to the core, in the manner of Hocuspocus extensions.
 * Extensions run in the order given, then the route's own hooks. Throw a CloseError from
 * onAuthenticate/onConnect/onMessage to close that socket with its code; any other error closes it
 * with 1011 and is logged. The server itself keeps running.
 *
 * Lifecycle, for extensions and routes alike (every route's, not only the socket's):
 * `beforeListen` → sockets come and go → `beforeClose` → sockets closed with 1001 → `onDestroy`.
 */
export interface Hooks {
  /** Before the server listens (awaited): what the first socket needs, e.g. a LISTEN in place. */
  beforeListen?(): MaybePromise<void>
  /** After the upgrade, before the socket is ready: authenticate and authorise (claims must be set). */
  onAuthenticate?(conn: Connection): MaybePromise<void>
  /** The socket is ready; messages that arrived during authentication are delivered after this. */
  onConnect?(conn: Connection): MaybePromise<void>
  /** One frame, in order per socket (the next waits for this one). */
  onMessage?(conn: Connection, data: Buffer, isBinary: boolean): MaybePromise<void>
  /** The socket closed (only for sockets that reached onConnect). */
  onDisconnect?(conn: Connection, code: number, reason: string): MaybePromise<void>
  /** Each heartbeat, with every ready connection (e.g. to re-check sessions in one query). */
  onTick?(conns: ReadonlySet<Connection>): MaybePromise<void>
  /** The server is closing, before its sockets are closed: stop timers and jobs. */
  beforeClose?(): MaybePromise<void>
  /** The server is closing, after its sockets were closed (flush state here). */
  onDestroy?(): MaybePromise<void>
}

/** Cross-cutting behaviour: auth, logging, jobs, signals from the database. */
export interface Extension extends Hooks {
  readonly name: string
}

/** A path family with its protocol, e.g. the JSON live channel or the y-websocket rooms. */
export interface Route extends Hooks {
  readonly name: string
  /** Path parameters when the route serves this pathname (e.g. `{ doc }`), else undefined. */
  match(pathname: string): Record<string, string> | undefined
  /** Largest frame accepted on this route (default: the server's); bigger ones close with 1009. */
  readonly maxPayload?: number
}
