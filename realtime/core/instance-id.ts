// The name of this realtime process among its peers: written as `origin` of the lesson update log
// (so an instance skips its own notifications) and as the sender on Redis (so it skips its own
// messages). INSTANCE_ID sets it; the default is unique per process and readable in the log.
import { hostname } from 'node:os'

/** A default instance id: `host:pid:random`, at most 100 characters. */
export function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`.slice(0, 100)
}
