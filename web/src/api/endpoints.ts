import type { z } from 'zod'
import { routes } from '../../../edge/contract/routes/index.ts'
import type { Method, Route } from '../../../edge/contract/routes/route.ts'

// The API's routes as the web app calls them, taken from the contract's one route table
// (edge/contract/routes): a route changed there (path, body, answer) fails the typecheck here.
// The app writes paths with `:name` parameters (`/tenants/:id/members/:userId`); the contract with
// `{name}`. A path names a contract route when both have the same shape, whatever the parameters
// are called (`/tenants/:tenantId/courses` is the contract's `/tenants/{id}/courses`).

type AnyRoute = (typeof routes)[keyof typeof routes]

/** A contract path as the app writes it: `/tenants/{id}` → `/tenants/:id`. */
export type WebPath<P extends string> = P extends `${infer Head}{${infer Name}}${infer Tail}`
  ? `${Head}:${Name}${WebPath<Tail>}`
  : P

/** A `:name` path with its parameter names left out: `/tenants/:id/members/:userId` → `/tenants/:/members/:`. */
export type Shape<P extends string> = P extends `${infer Head}:${infer Rest}`
  ? Rest extends `${string}/${infer Tail}`
    ? `${Head}:/${Shape<Tail>}`
    : `${Head}:`
  : P

/** The contract route that `method` and `path` (as the app writes it) name; never when none. */
export type RouteAt<M extends Method, P extends string> = string extends P
  ? never
  : AnyRoute extends infer R
    ? R extends { method: M; path: infer X extends string }
      ? Shape<WebPath<X>> extends Shape<P>
        ? R
        : never
      : never
    : never

/** Every path of a method, as the app writes them (what the editor offers when a path is unknown). */
export type PathsOf<M extends Method> = AnyRoute extends infer R
  ? R extends { method: M; path: infer X extends string }
    ? WebPath<X>
    : never
  : never

/** What a route takes as its JSON body; `{}` for a route that reads none. */
export type BodyOf<R> = R extends { body: infer B extends z.ZodType } ? z.input<B> : Record<string, never>

/** What a route answers, over its success statuses; `undefined` for a 204. */
export type ResponseOf<R> = R extends { responses: infer Rs }
  ? { [S in keyof Rs]: Rs[S] extends z.ZodType ? z.output<Rs[S]> : undefined }[keyof Rs]
  : never

const shapeOf = (webPath: string) => webPath.replace(/:[A-Za-z_]\w*/g, ':')

/** Contract routes by `<method> <shape>`. */
const table = new Map<string, Route>()
for (const route of Object.values(routes) as Route[]) {
  const key = `${route.method} ${shapeOf(route.path.replace(/\{([^}]+)\}/g, ':$1'))}`
  if (table.has(key)) throw new Error(`Two contract routes have the shape ${key}.`)
  table.set(key, route)
}

/** The contract route of a method and a `:name` path; a path with no route is a programming error. */
export function routeAt(method: Method, path: string): Route {
  const route = table.get(`${method} ${shapeOf(path)}`)
  if (!route) throw new Error(`No API route ${method.toUpperCase()} ${path}`)
  return route
}
