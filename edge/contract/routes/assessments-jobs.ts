import * as J from '../assessments-jobs.ts'
import { AssignmentParams } from './assignments.ts'
import { route } from './route.ts'

// Grading jobs of an assignment (OCR, AI suggestions, similarity), for the course's graders.

export const listGradingJobs = route({
  method: 'get',
  path: '/assignments/{id}/jobs',
  params: AssignmentParams,
  responses: { 200: J.GradingJobList },
})
export const requestGradingJob = route({
  method: 'post',
  path: '/assignments/{id}/jobs',
  params: AssignmentParams,
  body: J.RequestGradingJobBody,
  responses: { 202: J.GradingJob },
})
