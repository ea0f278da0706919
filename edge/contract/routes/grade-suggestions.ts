import * as G from '../grade-suggestions.ts'
import { SubmissionParams } from './assignments.ts'
import { route } from './route.ts'

// AI grade suggestions of a submission, for the course's teachers (made by a `suggest` grading job).

export const getGradeSuggestions = route({
  method: 'get',
  path: '/submissions/{id}/suggestions',
  params: SubmissionParams,
  responses: { 200: G.GradeSuggestionList },
})
