import * as T from '../submission-texts.ts'
import { SubmissionParams } from './assignments.ts'
import { route } from './route.ts'

// The text of a submission's scanned pages: the course's teachers read it and correct it.

export const getSubmissionTexts = route({
  method: 'get',
  path: '/submissions/{id}/texts',
  params: SubmissionParams,
  responses: { 200: T.ScriptTexts },
})
export const correctSubmissionText = route({
  method: 'put',
  path: '/submissions/{id}/texts',
  params: SubmissionParams,
  body: T.ScriptTextCorrection,
  responses: { 200: T.ScriptText },
})
