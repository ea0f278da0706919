import { type ApiDeps, newRouter } from '../core/router.ts'
import { attemptRoutes } from './attempts.ts'
import { questionRoutes } from './questions.ts'
import { quizRoutes } from './quizzes.ts'

/** Quizzes: editors build them, enrolled students take them, teachers see and release results. */
export function quizzesRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', quizRoutes(deps))
    .route('/', questionRoutes(deps))
    .route('/', attemptRoutes(deps))
}
