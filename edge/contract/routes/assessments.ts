import { z } from 'zod'
import * as A from '../assessments.ts'
import { CourseParams } from './courses.ts'
import { route } from './route.ts'

// Quizzes: editors build them (settings, questions with keys), enrolled students take them
// (attempts with answers saved as they go, a server-enforced timer), teachers see and release results.

export const QuizParams = z.object({ id: z.uuid() })
export const QuestionParams = z.object({ id: z.uuid() })
export const AttemptParams = z.object({ id: z.uuid() })
export const AttemptQuestionParams = AttemptParams.extend({ questionId: z.uuid() })

export const listQuizzes = route({
  method: 'get',
  path: '/courses/{id}/quizzes',
  params: CourseParams,
  responses: { 200: A.QuizList },
})

export const createQuiz = route({
  method: 'post',
  path: '/courses/{id}/quizzes',
  params: CourseParams,
  body: A.CreateQuizBody,
  responses: { 201: A.Quiz },
})

export const getQuiz = route({
  method: 'get',
  path: '/quizzes/{id}',
  params: QuizParams,
  responses: { 200: A.Quiz },
})

export const getQuizEditor = route({
  method: 'get',
  path: '/quizzes/{id}/editor',
  params: QuizParams,
  responses: { 200: A.QuizEditor },
})

export const updateQuiz = route({
  method: 'patch',
  path: '/quizzes/{id}',
  params: QuizParams,
  body: A.QuizSettingsBody,
  responses: { 200: A.Quiz },
})

export const deleteQuiz = route({
  method: 'delete',
  path: '/quizzes/{id}',
  params: QuizParams,
  responses: { 204: null },
})

export const addQuestion = route({
  method: 'post',
  path: '/quizzes/{id}/questions',
  params: QuizParams,
  body: A.QuestionBody,
  responses: { 201: A.EditorQuestion },
})

export const updateQuestion = route({
  method: 'put',
  path: '/questions/{id}',
  params: QuestionParams,
  body: A.QuestionBody,
  responses: { 200: A.EditorQuestion },
})

export const moveQuestion = route({
  method: 'put',
  path: '/questions/{id}/position',
  params: QuestionParams,
  body: A.MoveQuestionBody,
  responses: { 200: A.QuizEditor },
})

export const deleteQuestion = route({
  method: 'delete',
  path: '/questions/{id}',
  params: QuestionParams,
  responses: { 204: null },
})

export const startAttempt = route({
  method: 'post',
  path: '/quizzes/{id}/attempts',
  params: QuizParams,
  responses: { 201: A.Attempt },
})

export const getAttempt = route({
  method: 'get',
  path: '/attempts/{id}',
  params: AttemptParams,
  responses: { 200: A.Attempt },
})

export const saveAnswer = route({
  method: 'put',
  path: '/attempts/{id}/answers/{questionId}',
  params: AttemptQuestionParams,
  body: A.AnswerBody,
  responses: { 200: A.AnswerSaved },
})

export const submitAttempt = route({
  method: 'post',
  path: '/attempts/{id}/submit',
  params: AttemptParams,
  responses: { 200: A.Attempt },
})

export const quizResults = route({
  method: 'get',
  path: '/quizzes/{id}/results',
  params: QuizParams,
  responses: { 200: A.QuizResults },
})

export const releaseResults = route({
  method: 'post',
  path: '/quizzes/{id}/release',
  params: QuizParams,
  responses: { 200: A.Quiz },
})
