import { type ApiDeps, newRouter } from '../core/router.ts'
import { authorRoutes } from './authors.ts'
import { courseRoutes } from './courses.ts'
import { enrolmentRoutes } from './enrolments.ts'
import { lessonRoutes } from './lessons.ts'
import { moduleRoutes } from './modules.ts'
import { progressRoutes } from './progress.ts'
import { versionRoutes } from './versions.ts'

/** Courses: their modules and lessons (order), co-authors, enrolments, published versions, students' progress. */
export function coursesRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', courseRoutes(deps))
    .route('/', moduleRoutes(deps))
    .route('/', lessonRoutes(deps))
    .route('/', authorRoutes(deps))
    .route('/', enrolmentRoutes(deps))
    .route('/', versionRoutes(deps))
    .route('/', progressRoutes(deps))
}
