// The built app's answer checker, in a worker (api/client.ts starts it once the page has its data):
// building zod and a route family's schemas holds a phone's main thread, and checking an answer
// that is already shown needs nothing from the page.
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
  /** The schemas of its route did not load here (offline, a deploy): the page checks it itself. */
  unchecked?: true
}

/** The worker's global scope (the app's types are the DOM's, not a worker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null
  postMessage: (reply: CheckReply) => void
}

/** A check's verdict; a route family that did not load here leaves the check to the page. */
async function verdict({ id, method, path, status, data }: CheckRequest): Promise<CheckReply> {
  try {
    await answerOf(method, path, status, data)
    return { id }
  } catch (error) {
    if (!(error instanceof ApiError))
      return { id, misfit: { status, code: 'unexpected_response', message: String(error) } }
    if (error.code === 'network') return { id, unchecked: true }
    return { id, misfit: { status: error.status, code: error.code, message: error.message } }
  }
}

scope.onmessage = (event: MessageEvent<CheckRequest>) => {
  void verdict(event.data).then((reply) => scope.postMessage(reply))
}
