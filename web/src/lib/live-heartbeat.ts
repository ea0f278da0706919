// A socket can look open long after the network went away: ping an idle socket now and then, and
// call it dead when no answer comes in time.

export interface HeartbeatOptions {
  /** How often to ping. */
  interval: number
  /** How long to wait for any message after a ping. */
  timeout: number
  /** Sends a ping; false when it could not be sent (not open). */
  ping: () => boolean
  /** No answer in time: the caller drops the socket and reconnects. */
  onDead: () => void
}

/** The ping/pong watch of one live socket. */
export function createHeartbeat(opts: HeartbeatOptions) {
  let pingTimer: ReturnType<typeof setInterval> | undefined
  let pongTimer: ReturnType<typeof setTimeout> | undefined
  return {
    /** Starts pinging (the socket just opened). */
    start() {
      clearInterval(pingTimer)
      pingTimer = setInterval(() => {
        if (!opts.ping()) return
        clearTimeout(pongTimer)
        pongTimer = setTimeout(opts.onDead, opts.timeout)
      }, opts.interval)
    },
    /** Anything from the server proves the socket alive. */
    alive() {
      clearTimeout(pongTimer)
    },
    stop() {
      clearInterval(pingTimer)
      clearTimeout(pongTimer)
      pingTimer = pongTimer = undefined
    },
  }
}
