import { type ApiDeps, newRouter } from '../core/router.ts'
import { postRoutes } from './posts.ts'
import { reactionRoutes } from './reactions.ts'
import { reportRoutes } from './reports.ts'
import { settingsRoutes } from './settings.ts'
import { threadRoutes } from './threads.ts'

/** Course discussion forums: threads and their replies, reports, and the school's safety settings. */
export function forumRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', threadRoutes(deps))
    .route('/', postRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', reactionRoutes(deps))
    .route('/', settingsRoutes(deps))
}
