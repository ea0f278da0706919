import { query } from '@solidjs/router'
import type {
  AssignmentSettingsBody,
  GradeBody,
  RubricBody,
  SubmitBody,
} from '../../../../edge/contract/assignments.ts'
import { api } from '../../lib/runtime.ts'

// Assignments' calls to the api function (edge/contract/routes/assignments.ts): loaders (router
// queries) and actions. Bodies and answers are edge/contract/assignments.ts's.

/** A course's assignments: published ones with the student's own submission, all of them for teachers. */
export const getAssignments = query(
  (courseId: string) => api().get('/courses/:id/assignments', { params: { id: courseId } }),
  'assignments',
)

/** One assignment with its rubric; a student's own submission (graded once released). */
export const getAssignment = query(
  (id: string) => api().get('/assignments/:id', { params: { id } }),
  'assignment',
)

/** A school's rubrics (teachers), with how many assignments use each. */
export const getRubrics = query(
  (tenantId: string) => api().get('/tenants/:id/rubrics', { params: { id: tenantId } }),
  'rubrics',
)

/** Submissions to an assignment and the enrolled students with none (teachers). */
export const getSubmissions = query(
  (assignmentId: string) => api().get('/assignments/:id/submissions', { params: { id: assignmentId } }),
  'assignmentSubmissions',
)

/** One submission with its grade and the grade's history. */
export const getSubmission = query(
  (id: string) => api().get('/submissions/:id', { params: { id } }),
  'submission',
)

/** Creates a draft assignment in a course. */
export const createAssignment = (courseId: string, title: string) =>
  api().post('/courses/:id/assignments', { title }, { params: { id: courseId } })

export const updateAssignment = (id: string, body: AssignmentSettingsBody) =>
  api().patch('/assignments/:id', body, { params: { id } })

export const deleteAssignment = (id: string) => api().delete('/assignments/:id', { params: { id } })

export const createRubric = (tenantId: string, body: RubricBody) =>
  api().post('/tenants/:id/rubrics', body, { params: { id: tenantId } })

export const updateRubric = (id: string, body: RubricBody) =>
  api().put('/rubrics/:id', body, { params: { id } })

/** Deletes a rubric no assignment uses (else `rubric_in_use`). */
export const deleteRubric = (id: string) => api().delete('/rubrics/:id', { params: { id } })

/** The student submits, or resubmits (a new version replaces the last). */
export const submitAssignment = (id: string, body: SubmitBody) =>
  api().put('/assignments/:id/submission', body, { params: { id } })

/** Saves a grade; the server computes points or the BTEC grade from the rubric. */
export const gradeSubmission = (id: string, body: GradeBody) =>
  api().put('/submissions/:id/grade', body, { params: { id } })

/** Lets students see their grades and feedback. */
export const releaseGrades = (assignmentId: string) =>
  api().post('/assignments/:id/release', {}, { params: { id: assignmentId } })
