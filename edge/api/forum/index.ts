import { type ApiDeps, newRouter } from '../core/router.ts'
import { postRoutes } from './posts.ts'
import { threadRoutes } from './threads.ts'

/** Course discussion forums: threads and their replies. */
export function forumRoutes(deps: ApiDeps) {
  return newRouter().route('/', threadRoutes(deps)).route('/', postRoutes(deps))
}
