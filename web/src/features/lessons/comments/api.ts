import type { LessonCommentList } from '../../../../../edge/contract/lesson-comments.ts'
import { api } from '../../../lib/runtime.ts'
import type { Anchor } from './anchors.ts'

// The lesson comments' calls to the api function (edge/contract/routes/lesson-comments.ts). Each
// answers the lesson's threads as they are after the change.

export const fetchComments = (lessonId: string): Promise<LessonCommentList> =>
  api().get('/lessons/:lessonId/comments', { params: { lessonId } })

export const startThread = (
  lessonId: string,
  draft: { body: string; quote: string; anchor: Anchor; mentions: string[] },
) => api().post('/lessons/:lessonId/comments', draft, { params: { lessonId } })

export const replyTo = (commentId: string, body: string, mentions: string[] = []) =>
  api().post('/lesson-comments/:commentId/replies', { body, mentions }, { params: { commentId } })

export const changeComment = (commentId: string, change: { body?: string; resolved?: boolean }) =>
  api().patch('/lesson-comments/:commentId', change, { params: { commentId } })

export const deleteComment = (commentId: string) =>
  api().delete('/lesson-comments/:commentId', { params: { commentId } })
