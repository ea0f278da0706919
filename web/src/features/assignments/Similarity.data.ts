import { query, type RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { api } from '../../lib/runtime.ts'
import { getAssignment } from './api.ts'

// The similarity page's loaders (edge/contract/routes/similarity.ts): the assignment's last check
// and, when the teacher opens a pair, its two texts.

/** The last similarity check of an assignment: pairs, highest score first (the course's graders). */
export const getSimilarity = query(
  (assignmentId: string) => api().get('/assignments/:id/similarity', { params: { id: assignmentId } }),
  'assignmentSimilarity',
)

/** One pair with both texts as compared and the shared passages. */
export const getSimilarityPair = query(
  (pairId: string) => api().get('/similarity-pairs/:id', { params: { id: pairId } }),
  'similarityPair',
)

export { getAssignment }

/** Starts loading the check and the assignment (its title) with the page code. */
export function preloadSimilarity({ params }: RoutePreloadFuncArgs) {
  const id = params.id
  if (!id) return
  preloadSignedIn(() => {
    void getSimilarity(id).catch(() => {})
    void getAssignment(id).catch(() => {})
  })
}
