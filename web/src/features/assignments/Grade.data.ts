import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getSubmission, getSubmissions } from './api.ts'

export { getSubmission, getSubmissions }

/** The submission, then its assignment's list (the rubric, and the next one to grade). */
export const loadGrading = async (id: string) => {
  const submission = await getSubmission(id)
  return getSubmissions(submission.assignment_id)
}

/** Starts loading the submission and its assignment's list with the page code. */
export function preloadGrade({ params }: RoutePreloadFuncArgs) {
  const id = params.id
  if (id) preloadSignedIn(() => void loadGrading(id).catch(() => {}))
}
