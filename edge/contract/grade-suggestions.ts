import { z } from 'zod'

// AI grade suggestions (issue 16): for a submission's text the school's AI provider chain proposes a
// level per rubric criterion (or achieved / not yet for BTEC) with a justification quoting the
// submission. Made by a grading job of kind `suggest` (POST /assignments/{id}/jobs); read by the
// course's teachers only — never by the student or a parent. The teacher accepts, changes or ignores
// each; nothing reaches the student until the teacher grades and releases.

export const GradeSuggestion = z.object({
  criterion_id: z.string(),
  /** Points rubrics: the suggested level of the criterion. */
  level_id: z.string().nullable(),
  /** BTEC rubrics: achieved or not yet. */
  achieved: z.boolean().nullable(),
  justification: z.string(),
  /** Words of the submission (checked to be in it) that support the justification. */
  quote: z.string(),
})
export type GradeSuggestion = z.infer<typeof GradeSuggestion>

export const GradeSuggestionList = z.object({
  submission_id: z.uuid(),
  /** In the rubric's order; empty before the first run (or when nothing held up). */
  items: z.array(GradeSuggestion),
  /** Who suggested them (the provider's label and model) and when; null before the first run. */
  provider: z.string().nullable(),
  model: z.string().nullable(),
  created_at: z.string().nullable(),
})
export type GradeSuggestionList = z.infer<typeof GradeSuggestionList>
