// @mentions (issue 19): a writer picks people of the course while typing "@"; the words keep
// "@Name" as plain text and the request sends whom they mean. Who may be mentioned is decided in
// Postgres (supabase/migrations/20261211000000_mentions.sql).
import { z } from 'zod'
import { Uuid } from './tenancy.ts'

export const MENTIONS_MAX = 10

/** Whom new words mention: ids from the mention picker, at most ten. */
export const MentionIds = z
  .array(Uuid)
  .max(MENTIONS_MAX, `Mention at most ${MENTIONS_MAX} people.`)
  .optional()

/** A person the words mention, by the name they have now (blank once their account is gone). */
export const MentionedPerson = z.object({ id: Uuid, name: z.string() })
export type MentionedPerson = z.infer<typeof MentionedPerson>

/** Where the words go: a course's forum, or its lessons' comments (the people who see drafts). */
export const MentionPlace = z.enum(['forum', 'comments'])
export type MentionPlace = z.infer<typeof MentionPlace>

export const MentionableQuery = z.object({
  for: MentionPlace,
  q: z.string().trim().max(80, 'Use at most 80 characters.').optional().default(''),
})

/** People the caller may mention there, best matches first; names only (never contacts). */
export const MentionableList = z.object({
  people: z.array(z.object({ id: Uuid, name: z.string(), teaches: z.boolean() })),
})
export type MentionableList = z.infer<typeof MentionableList>
