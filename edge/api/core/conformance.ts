// Test helper: every answer the api gives in a test must match the contract route it answers for,
// the schemas the web client parses answers with (not part of the function itself).
import { routes } from '../../contract/routes/index.ts'
import type { Route } from '../../contract/routes/route.ts'

const table = (Object.values(routes) as Route[]).map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}))

/**
 * Throws when a success answer does not match its route's contract: a body the schema refuses,
 * a body where the contract has none, or a status the contract does not declare.
 */
export function checkAnswer(method: string, path: string, status: number, body: unknown): void {
  if (status < 200 || status >= 300) return
  const pathname = path.split('?')[0] ?? ''
  const found = table.find((t) => t.route.method === method.toLowerCase() && t.pattern.test(pathname))
  if (!found) return
  const where = `${method} ${found.route.path} answered ${status}`
  const schema = found.route.responses[status]
  if (schema === undefined) throw new Error(`${where}, a status its contract route does not declare`)
  if (schema === null) {
    if (body !== null) throw new Error(`${where} with a body; its contract route has none`)
    return
  }
  const result = schema.safeParse(body)
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`${where} with a body its contract refuses: ${issues.join('; ')}`)
  }
}
