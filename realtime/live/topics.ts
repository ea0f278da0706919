import type { Topic } from '../../edge/contract/realtime.ts'
import type { Connection } from '../connection.ts'

/**
 * A family of live topics (e.g. `ticket:<uuid>`). Later issues add handlers; the live route asks
 * each in turn. `subscribe` checks access in the database (throw TopicForbidden to refuse) and
 * returns the function that ends the subscription.
 */
export interface TopicHandler {
  readonly name: string
  matches(topic: Topic): boolean
  subscribe(conn: Connection, topic: Topic): Promise<() => void>
}

/** Thrown by a TopicHandler when the user may not subscribe; the client gets a `forbidden` error. */
export class TopicForbidden extends Error {}
