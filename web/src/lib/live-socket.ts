import type { LiveClientMessage } from '../../../edge/contract/realtime.ts'

// The live client's one socket at a time: opened with an access token, its events passed on only
// while it is the current one, dropped without a word (the client decides what comes next).

/** The part of the browser's WebSocket the client uses (the `ws` package's fits too, for tests). */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  onerror: ((event: unknown) => void) | null
}

export interface SocketSlotOptions {
  url: string
  Socket: new (url: string) => SocketLike
  getToken: (refresh: boolean) => Promise<string | undefined>
  onOpen: () => void
  onMessage: (data: unknown) => void
  /** The server (or the network) closed the current socket. */
  onClose: (code: number) => void
}

const OPEN = 1
/** WebSocket's own "normal closure" (not one of the server's codes). */
const NORMAL_CLOSURE = 1000

/** Holds the live client's socket; see the module comment. */
export function createSocketSlot(opts: SocketSlotOptions) {
  let socket: SocketLike | undefined
  /** Bumped whenever a socket is dropped, so a token that arrives late opens nothing. */
  let generation = 0

  return {
    /** True while a socket exists (opening or open). */
    exists: () => socket !== undefined,
    isOpen: () => socket?.readyState === OPEN,
    send(message: LiveClientMessage): boolean {
      if (!socket || socket.readyState !== OPEN) return false
      socket.send(JSON.stringify(message))
      return true
    },

    /**
     * Opens a socket with the current token (`refresh`: a new one). `no-token`: signed out;
     * `stale`: dropped or replaced while the token was on its way.
     */
    async open(refresh: boolean): Promise<'opened' | 'no-token' | 'stale'> {
      const mine = ++generation
      let token: string | undefined
      try {
        token = await opts.getToken(refresh)
      } catch {
        token = undefined
      }
      if (mine !== generation || socket) return 'stale'
      if (!token) return 'no-token'
      const ws = new opts.Socket(`${opts.url}?token=${encodeURIComponent(token)}`)
      socket = ws
      ws.onopen = () => socket === ws && opts.onOpen()
      ws.onmessage = (event) => socket === ws && opts.onMessage(event.data)
      ws.onerror = () => {}
      ws.onclose = (event) => {
        if (socket !== ws) return
        socket = undefined
        opts.onClose(event.code)
      }
      return 'opened'
    },

    /** Closes the current socket without calling onClose; false when there was none. */
    drop(): boolean {
      generation++
      const old = socket
      socket = undefined
      if (!old) return false
      old.onopen = old.onmessage = old.onerror = null
      old.onclose = null
      if (old.readyState <= OPEN) old.close(NORMAL_CLOSURE, 'client closed')
      return true
    },
  }
}
