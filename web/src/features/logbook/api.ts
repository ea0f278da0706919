import { query } from '@solidjs/router'
import type { NewLogbookEntryBody, UpdateLogbookEntryBody } from '../../../../edge/contract/logbook.ts'
import { downloadFile, queryString } from '../../api/download.ts'
import { locale } from '../../lib/i18n/i18n.ts'
import { api } from '../../lib/runtime.ts'

// The logbook's calls to the api function (edge/contract/routes/logbook.ts) and its PDF download.

/** A student's logbook of a course (the caller's own without `student`); `before` pages back. */
export const getLogbook = query(
  (courseId: string, student?: string, before?: string) =>
    api().get('/courses/:courseId/logbook', {
      params: { courseId },
      query: { ...(student ? { student } : {}), ...(before ? { before } : {}) },
    }),
  'logbook',
)

/** The course's students and their logbooks' size (its teachers). */
export const getLogbookStudents = query(
  (courseId: string) => api().get('/courses/:courseId/logbook/students', { params: { courseId } }),
  'logbook-students',
)

export const createEntry = (courseId: string, body: NewLogbookEntryBody) =>
  api().post('/courses/:courseId/logbook', body, { params: { courseId } })

export const updateEntry = (entryId: string, body: UpdateLogbookEntryBody) =>
  api().patch('/logbook-entries/:entryId', body, { params: { entryId } })

export const deleteEntry = (entryId: string) =>
  api().delete('/logbook-entries/:entryId', { params: { entryId } })

export const addComment = (entryId: string, body: string) =>
  api().post('/logbook-entries/:entryId/comments', { body }, { params: { entryId } })

export const deleteComment = (commentId: string) =>
  api().delete('/logbook-comments/:commentId', { params: { commentId } })

/** Saves the logbook as a PDF in the page's language. */
export const downloadLogbook = (courseId: string, student: string, fileName: string) =>
  downloadFile(
    `/courses/${encodeURIComponent(courseId)}/logbook/pdf${queryString({ student, locale: locale() })}`,
    fileName,
  )
