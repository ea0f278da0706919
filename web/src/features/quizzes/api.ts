import { query } from '@solidjs/router'
import type {
  AnswerBody,
  Attempt,
  CreateQuizBody,
  QuestionBody,
  QuizSettingsBody,
} from '../../../../edge/contract/assessments.ts'
import { api } from '../../lib/runtime.ts'

// Quizzes' calls to the api function (edge/contract/routes/assessments.ts): loaders (router queries)
// and actions. Bodies and answers are edge/contract/assessments.ts's.

/** A course's quizzes: published ones for its students, all of them for its editors (`can_edit`). */
export const getQuizzes = query(
  (courseId: string) => api().get('/courses/:id/quizzes', { params: { id: courseId } }),
  'quizzes',
)

/** One quiz's settings, with the caller's own attempts (`mine`, students). */
export const getQuiz = query((id: string) => api().get('/quizzes/:id', { params: { id } }), 'quiz')

/** A quiz with its questions and their answer keys (editors). */
export const getQuizEditor = query(
  (id: string) => api().get('/quizzes/:id/editor', { params: { id } }),
  'quizEditor',
)

/** Every attempt at a quiz (teachers), or the caller's own once released (students). */
export const getQuizResults = query(
  (id: string) => api().get('/quizzes/:id/results', { params: { id } }),
  'quizResults',
)

/** An attempt as loaded, with when it arrived: the timer compares `server_now` with that moment. */
export type LoadedAttempt = Attempt & { received_at: number }

/** One attempt: its questions, saved answers, deadline and (released) result. */
export const getAttempt = query(
  async (id: string): Promise<LoadedAttempt> => ({
    ...(await api().get('/attempts/:id', { params: { id } })),
    received_at: Date.now(),
  }),
  'quizAttempt',
)

export const createQuiz = (courseId: string, body: CreateQuizBody) =>
  api().post('/courses/:id/quizzes', body, { params: { id: courseId } })

export const updateQuiz = (id: string, body: QuizSettingsBody) =>
  api().patch('/quizzes/:id', body, { params: { id } })

export const deleteQuiz = (id: string) => api().delete('/quizzes/:id', { params: { id } })

export const addQuestion = (quizId: string, body: QuestionBody) =>
  api().post('/quizzes/:id/questions', body, { params: { id: quizId } })

export const updateQuestion = (id: string, body: QuestionBody) =>
  api().put('/questions/:id', body, { params: { id } })

/** Moves a question to `position` in its quiz; answers the quiz's questions in their new order. */
export const moveQuestion = (id: string, position: number) =>
  api().put('/questions/:id/position', { position }, { params: { id } })

export const deleteQuestion = (id: string) => api().delete('/questions/:id', { params: { id } })

/** Starts an attempt (students); the server sets its deadline. */
export const startAttempt = (quizId: string) =>
  api().post('/quizzes/:id/attempts', {}, { params: { id: quizId } })

/** Saves one answer of an attempt in progress. */
export const saveAnswer = (attemptId: string, questionId: string, body: AnswerBody) =>
  api().put('/attempts/:id/answers/:questionId', body, { params: { id: attemptId, questionId } })

/** Hands the attempt in; the answer carries the result when the quiz releases on submit. */
export const submitAttempt = (id: string) => api().post('/attempts/:id/submit', {}, { params: { id } })

/** Lets the students of a manually released quiz see their results. */
export const releaseResults = (quizId: string) =>
  api().post('/quizzes/:id/release', {}, { params: { id: quizId } })
