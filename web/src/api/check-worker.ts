// The built app's answer checker, in a worker (api/client.ts starts it once the page has its data):
// zod and the contract's schemas take a phone's main thread for a third of a second to build, and
// checking an answer that is already shown needs nothing from the page.
import '../lib/zod-jitless.ts'
import { answerOf } from './check.ts'
import { ApiError } from './errors.ts'

/** One answer to check, as the client received it. */
export interface CheckRequest {
  id: number
  method: Parameters<typeof answerOf>[0]
  path: string
  status: number
  data: unknown
}

/** Its verdict: no `misfit` when the answer fits the contract. */
export interface CheckReply {
  id: number
  misfit?: { status: number; code: string; message: string }
}

/** The worker's global scope (the app's types are the DOM's, not a worker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null
  postMessage: (reply: CheckReply) => void
}

scope.onmessage = (event: MessageEvent<CheckRequest>) => {
  const { id, method, path, status, data } = event.data
  let reply: CheckReply = { id }
  try {
    answerOf(method, path, status, data)
  } catch (error) {
    reply =
      error instanceof ApiError
        ? { id, misfit: { status: error.status, code: error.code, message: error.message } }
        : { id, misfit: { status, code: 'unexpected_response', message: String(error) } }
  }
  scope.postMessage(reply)
}
