import { z } from 'zod'
import * as L from '../lesson-comments.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Comment threads on a lesson's draft: the list, a new thread or reply, changes and deletion.

export const LessonCommentsParams = z.object({ lessonId: Uuid })
export const LessonCommentParams = z.object({ commentId: Uuid })

export const listLessonComments = route({
  method: 'get',
  path: '/lessons/{lessonId}/comments',
  params: LessonCommentsParams,
  responses: { 200: L.LessonCommentList },
})

export const createLessonThread = route({
  method: 'post',
  path: '/lessons/{lessonId}/comments',
  params: LessonCommentsParams,
  body: L.NewLessonThreadBody,
  responses: { 201: L.LessonCommentList },
})

export const createLessonReply = route({
  method: 'post',
  path: '/lesson-comments/{commentId}/replies',
  params: LessonCommentParams,
  body: L.NewLessonReplyBody,
  responses: { 201: L.LessonCommentList },
})

export const updateLessonComment = route({
  method: 'patch',
  path: '/lesson-comments/{commentId}',
  params: LessonCommentParams,
  body: L.UpdateLessonCommentBody,
  responses: { 200: L.LessonCommentList },
})

export const deleteLessonComment = route({
  method: 'delete',
  path: '/lesson-comments/{commentId}',
  params: LessonCommentParams,
  responses: { 200: L.LessonCommentList },
})

// Students' questions on a published lesson: the list, a new question, replies, changes and deletion.

export const listLessonQuestions = route({
  method: 'get',
  path: '/lessons/{lessonId}/questions',
  params: LessonCommentsParams,
  responses: { 200: L.LessonQuestionList },
})

export const createLessonQuestion = route({
  method: 'post',
  path: '/lessons/{lessonId}/questions',
  params: LessonCommentsParams,
  body: L.NewLessonQuestionBody,
  responses: { 201: L.LessonQuestionList },
})

export const createQuestionReply = route({
  method: 'post',
  path: '/lesson-questions/{commentId}/replies',
  params: LessonCommentParams,
  body: L.NewLessonReplyBody,
  responses: { 201: L.LessonQuestionList },
})

export const updateLessonQuestion = route({
  method: 'patch',
  path: '/lesson-questions/{commentId}',
  params: LessonCommentParams,
  body: L.UpdateLessonCommentBody,
  responses: { 200: L.LessonQuestionList },
})

export const deleteLessonQuestion = route({
  method: 'delete',
  path: '/lesson-questions/{commentId}',
  params: LessonCommentParams,
  responses: { 200: L.LessonQuestionList },
})
