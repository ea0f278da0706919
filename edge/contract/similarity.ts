import { z } from 'zod'

// Similarity checks of an assignment (issue 16): pairs of submissions (or a submission and a
// published lesson of the course) that share passages, for the course's graders. It informs, never
// decides: a score is the share of a text also found in the other, whatever the reason.

const Id = z.uuid()
/** A share of a text, 0–1. */
const Share = z.number().min(0).max(1)

/** One side of a pair: a submission (its student's name, or its group's) and the share of it found in the other. */
export const SimilaritySide = z.object({ submission_id: Id, name: z.string(), share: Share })
export type SimilaritySide = z.infer<typeof SimilaritySide>

/** A published lesson of the course a submission shares passages with. */
export const SimilarityLesson = z.object({ lesson_id: Id, title: z.string(), share: Share })

export const SimilarityPair = z.object({
  id: Id,
  /** The larger share (against a lesson: the submission's share). */
  score: Share,
  a: SimilaritySide,
  /** The other submission; null when the match is a lesson. */
  b: SimilaritySide.nullable(),
  lesson: SimilarityLesson.nullable(),
  passage_count: z.number().int(),
  /** Words of `a` in shared passages. */
  words: z.number().int(),
  /** The longest shared passage as it reads in `a` (at most 300 characters). */
  excerpt: z.string(),
})
export type SimilarityPair = z.infer<typeof SimilarityPair>

/** An assignment's last check; `computed_at` null when none has run yet. */
export const SimilarityReport = z.object({
  assignment_id: Id,
  computed_at: z.string().nullable(),
  /** Submissions with text, and published lessons, that were compared. */
  submissions: z.number().int(),
  lessons: z.number().int(),
  /** Highest score first. */
  pairs: z.array(SimilarityPair),
})
export type SimilarityReport = z.infer<typeof SimilarityReport>

/** A passage found in both texts: character ranges [start, end) in text_a and text_b. */
export const SimilarityPassage = z.object({
  a: z.tuple([z.number().int(), z.number().int()]),
  b: z.tuple([z.number().int(), z.number().int()]),
  words: z.number().int(),
})
export type SimilarityPassage = z.infer<typeof SimilarityPassage>

/** One pair with both texts as they were compared (the passages' ranges are in them), for side by side. */
export const SimilarityPairDetail = SimilarityPair.extend({
  assignment_id: Id,
  computed_at: z.string(),
  passages: z.array(SimilarityPassage),
  text_a: z.string(),
  text_b: z.string(),
})
export type SimilarityPairDetail = z.infer<typeof SimilarityPairDetail>
