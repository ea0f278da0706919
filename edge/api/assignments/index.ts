import { type ApiDeps, newRouter } from '../core/router.ts'
import { assignmentRoutes } from './assignments.ts'
import { groupRoutes } from './groups.ts'
import { gradingJobRoutes } from './jobs.ts'
import { rubricRoutes } from './rubrics.ts'
import { similarityRoutes } from './similarity.ts'
import { submissionRoutes } from './submissions.ts'
import { suggestionRoutes } from './suggestions.ts'
import { submissionTextRoutes } from './texts.ts'

/** Assignments: rubrics of a school, a course's assignments, submissions, grading and release. */
export function assignmentsRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', rubricRoutes(deps))
    .route('/', assignmentRoutes(deps))
    .route('/', submissionRoutes(deps))
    .route('/', groupRoutes(deps))
    .route('/', similarityRoutes(deps))
    .route('/', gradingJobRoutes(deps))
    .route('/', suggestionRoutes(deps))
    .route('/', submissionTextRoutes(deps))
}
