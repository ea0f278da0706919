import type { MentionableList, MentionPlace } from '../../../../edge/contract/mentions.ts'
import { api } from '../../lib/runtime.ts'

/** People of the course the caller may mention there, best matches of `q` first. */
export const fetchMentionable = (
  courseId: string,
  place: MentionPlace,
  q: string,
): Promise<MentionableList> =>
  api().get('/courses/:courseId/mentionable', { params: { courseId }, query: { for: place, q } })
