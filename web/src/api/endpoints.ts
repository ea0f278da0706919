import type { z } from 'zod'
import { type Family, families } from '../../../edge/contract/routes/families.ts'
import type { routes } from '../../../edge/contract/routes/index.ts'
import type { Method, Route } from '../../../edge/contract/routes/route.ts'
import { apiErrorFrom } from './errors.ts'

// The API's routes as the web app calls them, taken from the contract's one route table
// (edge/contract/routes): a route changed there (path, body, answer) fails the typecheck here.
// At run time a route is found through families.ts, written from that table: it names the module
// (family) that holds each route, and only that module's schemas are loaded.
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

/** A route's method and path shape, as families.ts lists them: `get /tenants/:/members/:`. */
export const routeKey = (method: Method, webPath: string) => `${method} ${shapeOf(webPath)}`

/** The key of a contract route (its path has `{name}` parameters). */
export const keyOf = (route: Route) => routeKey(route.method, route.path.replace(/\{([^}]+)\}/g, ':$1'))

/** The family of each route, by key. */
const familyAt = new Map<string, Family>()
for (const [family, { routes: keys }] of Object.entries(families)) {
  for (const key of keys) {
    if (familyAt.has(key)) throw new Error(`Two contract routes have the shape ${key}.`)
    familyAt.set(key, family as Family)
  }
}

/** Each family's routes by key, loaded once (a family that failed to load is tried again). */
const loaded = new Map<Family, Promise<Map<string, Route>>>()

function routesOf(family: Family): Promise<Map<string, Route>> {
  const known = loaded.get(family)
  if (known) return known
  const load: () => Promise<object> = families[family].load
  const loading = load().then((module) => {
    const table = new Map<string, Route>()
    for (const value of Object.values(module))
      if (typeof value === 'object' && value && 'method' in value) table.set(keyOf(value), value)
    return table
  })
  loaded.set(family, loading)
  loading.catch(() => {
    if (loaded.get(family) === loading) loaded.delete(family)
  })
  return loading
}

/**
 * The contract route of a method and a `:name` path, with the module of its family loaded (that
 * one only). A path with no route is a programming error; a family that does not load (offline,
 * or an old tab after a deploy) is a network error, and the next call tries again.
 */
export async function routeAt(method: Method, path: string): Promise<Route> {
  const key = routeKey(method, path)
  const family = familyAt.get(key)
  const table = family
    ? await routesOf(family).catch(() => {
        throw apiErrorFrom(0, undefined)
      })
    : undefined
  const route = table?.get(key)
  if (!route) throw new Error(`No API route ${method.toUpperCase()} ${path}`)
  return route
}
