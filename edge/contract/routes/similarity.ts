import { z } from 'zod'
import * as S from '../similarity.ts'
import { AssignmentParams } from './assignments.ts'
import { route } from './route.ts'

// Similarity checks: the course's graders read an assignment's last check and open a pair. The
// check itself is a grading job (POST /assignments/{id}/jobs with kind 'similarity').

export const SimilarityPairParams = z.object({ id: z.uuid() })

export const getSimilarity = route({
  method: 'get',
  path: '/assignments/{id}/similarity',
  params: AssignmentParams,
  responses: { 200: S.SimilarityReport },
})
export const getSimilarityPair = route({
  method: 'get',
  path: '/similarity-pairs/{id}',
  params: SimilarityPairParams,
  responses: { 200: S.SimilarityPairDetail },
})
