import type { LessonQuestionList } from '../../../../../edge/contract/lesson-comments.ts'
import { api } from '../../../lib/runtime.ts'

// Students' questions on a published lesson (edge/contract/routes/lesson-comments.ts). Each call
// answers the lesson's questions as the caller sees them after the change.

export const fetchQuestions = (lessonId: string): Promise<LessonQuestionList> =>
  api().get('/lessons/:lessonId/questions', { params: { lessonId } })

export const askQuestion = (lessonId: string, quote: string, body: string) =>
  api().post('/lessons/:lessonId/questions', { quote, body }, { params: { lessonId } })

export const replyToQuestion = (commentId: string, body: string) =>
  api().post('/lesson-questions/:commentId/replies', { body }, { params: { commentId } })

export const changeQuestion = (commentId: string, change: { body?: string; resolved?: boolean }) =>
  api().patch('/lesson-questions/:commentId', change, { params: { commentId } })

export const deleteQuestion = (commentId: string) =>
  api().delete('/lesson-questions/:commentId', { params: { commentId } })
