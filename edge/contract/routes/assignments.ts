import { z } from 'zod'
import * as A from '../assignments.ts'
import { CourseParams } from './courses.ts'
import { route } from './route.ts'
import { TenantParams } from './tenancy.ts'

// Assignments and rubrics: editors set them, enrolled students submit (text or files, resubmitting
// until the due time), teachers grade against the rubric and release; every grade change is kept.

export const AssignmentParams = z.object({ id: z.uuid() })
export const RubricParams = z.object({ id: z.uuid() })
export const SubmissionParams = z.object({ id: z.uuid() })

export const listRubrics = route({
  method: 'get',
  path: '/tenants/{id}/rubrics',
  params: TenantParams,
  responses: { 200: A.RubricList },
})
export const createRubric = route({
  method: 'post',
  path: '/tenants/{id}/rubrics',
  params: TenantParams,
  body: A.RubricBody,
  responses: { 201: A.Rubric },
})
export const getRubric = route({
  method: 'get',
  path: '/rubrics/{id}',
  params: RubricParams,
  responses: { 200: A.Rubric },
})
export const updateRubric = route({
  method: 'put',
  path: '/rubrics/{id}',
  params: RubricParams,
  body: A.RubricBody,
  responses: { 200: A.Rubric },
})
export const deleteRubric = route({
  method: 'delete',
  path: '/rubrics/{id}',
  params: RubricParams,
  responses: { 204: null },
})

export const listAssignments = route({
  method: 'get',
  path: '/courses/{id}/assignments',
  params: CourseParams,
  responses: { 200: A.AssignmentList },
})
export const createAssignment = route({
  method: 'post',
  path: '/courses/{id}/assignments',
  params: CourseParams,
  body: A.CreateAssignmentBody,
  responses: { 201: A.Assignment },
})
export const getAssignment = route({
  method: 'get',
  path: '/assignments/{id}',
  params: AssignmentParams,
  responses: { 200: A.Assignment },
})
export const updateAssignment = route({
  method: 'patch',
  path: '/assignments/{id}',
  params: AssignmentParams,
  body: A.AssignmentSettingsBody,
  responses: { 200: A.Assignment },
})
export const deleteAssignment = route({
  method: 'delete',
  path: '/assignments/{id}',
  params: AssignmentParams,
  responses: { 204: null },
})

export const submitAssignment = route({
  method: 'put',
  path: '/assignments/{id}/submission',
  params: AssignmentParams,
  body: A.SubmitBody,
  responses: { 200: A.Submission },
})
export const listSubmissions = route({
  method: 'get',
  path: '/assignments/{id}/submissions',
  params: AssignmentParams,
  responses: { 200: A.SubmissionList },
})
export const getSubmission = route({
  method: 'get',
  path: '/submissions/{id}',
  params: SubmissionParams,
  responses: { 200: A.Submission },
})
export const gradeSubmission = route({
  method: 'put',
  path: '/submissions/{id}/grade',
  params: SubmissionParams,
  body: A.GradeBody,
  responses: { 200: A.Submission },
})
export const releaseAssignment = route({
  method: 'post',
  path: '/assignments/{id}/release',
  params: AssignmentParams,
  responses: { 200: A.Assignment },
})
