import { z } from 'zod'
import type { Method } from '../../../edge/contract/routes/route.ts'
import { routeAt } from './endpoints.ts'
import { ApiError } from './errors.ts'

// zod and the contract's schemas are most of what checking an answer costs, so the client loads
// this module on its first call (api/client.ts), off the first screen's critical path, and it
// loads the schemas of one route family at a time, when an answer of that family is checked
// (endpoints.ts, routeAt): it does not grow with the number of features.

z.config({ jitless: true }) // our CSP has no eval (see lib/zod-jitless.ts, which already set it)

/**
 * A list answer as the array the schema wants, tolerating a wrapper like `{ "members": [...] }`, so
 * a server that wraps its lists still works.
 */
export function unwrapList(schema: z.ZodType, data: unknown): unknown {
  if (!(schema instanceof z.ZodArray) || Array.isArray(data) || !data || typeof data !== 'object') return data
  const arrays = Object.values(data).filter(Array.isArray)
  return arrays.length === 1 ? arrays[0] : data
}

/**
 * The answer checked against the route's schema for its status, or against any of its success
 * schemas when the contract does not name the status. No content (a 204, `null` in the contract,
 * or an empty answer with a status the contract does not name) answers undefined. When the route's
 * family does not load, a network ApiError (the answer is not checked; the next call tries again).
 */
export async function answerOf(
  method: Method,
  path: string,
  status: number,
  data: unknown,
): Promise<unknown> {
  const route = await routeAt(method, path)
  const declared = route.responses[status]
  if (declared === undefined && data === undefined) return undefined
  const schemas = declared !== undefined ? [declared] : Object.values(route.responses)
  let failure: z.ZodError | undefined
  for (const schema of schemas) {
    if (schema === null) return undefined
    const parsed = schema.safeParse(unwrapList(schema, data))
    if (parsed.success) return parsed.data
    failure ??= parsed.error
  }
  const issue = failure?.issues[0]
  const where = issue?.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : ''
  throw new ApiError({
    status,
    code: 'unexpected_response',
    message: `The server sent an answer this version of the app does not understand${where}. Reload the page to update.`,
  })
}
