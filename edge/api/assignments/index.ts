import { type ApiDeps, newRouter } from '../core/router.ts'
import { assignmentRoutes } from './assignments.ts'
import { rubricRoutes } from './rubrics.ts'
import { submissionRoutes } from './submissions.ts'

/** Assignments: rubrics of a school, a course's assignments, submissions, grading and release. */
export function assignmentsRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', rubricRoutes(deps))
    .route('/', assignmentRoutes(deps))
    .route('/', submissionRoutes(deps))
}
