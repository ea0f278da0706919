import { CloseCode } from '../../../../edge/contract/close-codes.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** What the connection indicator of a live lesson says. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended'

/** Why a lesson session stopped for good (the server said reconnecting cannot help). */
export type EndReason = 'revoked' | 'gone' | 'signed-out' | 'too-big' | 'refused'

/** The indicator state from what the browser and the provider report. */
export function connectionState(s: {
  ended: boolean
  online: boolean
  connected: boolean
  synced: boolean
  everSynced: boolean
}): ConnectionState {
  if (s.ended) return 'ended'
  if (!s.online) return 'offline'
  if (s.connected && s.synced) return 'connected'
  return s.everSynced ? 'reconnecting' : 'connecting'
}

/** The indicator's label in the current language (announced politely when it changes). */
export const connectionLabel = (state: ConnectionState): string => t(`connection.${state}`)

/**
 * What a close code from the realtime server means for the session: `reauth` (unauthorised: the
 * reconnect policy of lib/reconnect.ts refreshes the token), an end reason (stop reconnecting), or
 * `retry` (transient: the provider reconnects with backoff).
 */
export function closeAction(code: number): 'retry' | 'reauth' | EndReason {
  if (code === CloseCode.UNAUTHORIZED) return 'reauth'
  if (code === CloseCode.FORBIDDEN) return 'revoked'
  if (code === CloseCode.UNKNOWN_DOCUMENT) return 'gone'
  if (code === CloseCode.TOO_BIG) return 'too-big'
  // Any other 44xx (malformed, and codes added later) mirrors an HTTP 4xx: trying again cannot help.
  if (code >= 4400 && code < 4500) return 'refused'
  return 'retry'
}

const END_KEYS = {
  revoked: { title: 'end.revokedTitle', text: 'end.revokedText' },
  gone: { title: 'end.goneTitle', text: 'end.goneText' },
  'signed-out': { title: 'end.signedOutTitle', text: 'end.signedOutText' },
  'too-big': { title: 'end.tooBigTitle', text: 'end.tooBigText' },
  refused: { title: 'end.refusedTitle', text: 'end.refusedText' },
} as const satisfies Record<EndReason, { title: string; text: string }>

/** What to tell the person when a session ended, in the current language. */
export function endMessage(reason: EndReason): { title: string; text: string } {
  const keys = END_KEYS[reason]
  return { title: t(keys.title), text: t(keys.text) }
}
