import { z } from 'zod'
import * as L from '../logbook.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// The learning logbook: a student's logbook of a course, the teachers' list of students, entries and
// comments, and the logbook as a PDF.

export const LogbookCourseParams = z.object({ courseId: Uuid })
export const LogbookEntryParams = z.object({ entryId: Uuid })
export const LogbookCommentParams = z.object({ commentId: Uuid })

export const getLogbook = route({
  method: 'get',
  path: '/courses/{courseId}/logbook',
  params: LogbookCourseParams,
  query: L.LogbookQuery,
  responses: { 200: L.Logbook },
})

export const listLogbookStudents = route({
  method: 'get',
  path: '/courses/{courseId}/logbook/students',
  params: LogbookCourseParams,
  responses: { 200: L.LogbookStudentList },
})

export const logbookPdf = route({
  method: 'get',
  path: '/courses/{courseId}/logbook/pdf',
  params: LogbookCourseParams,
  query: L.LogbookPdfQuery,
  responses: { 200: null },
})

export const createLogbookEntry = route({
  method: 'post',
  path: '/courses/{courseId}/logbook',
  params: LogbookCourseParams,
  body: L.NewLogbookEntryBody,
  responses: { 201: L.LogbookEntry },
})

export const updateLogbookEntry = route({
  method: 'patch',
  path: '/logbook-entries/{entryId}',
  params: LogbookEntryParams,
  body: L.UpdateLogbookEntryBody,
  responses: { 200: L.LogbookEntry },
})

export const deleteLogbookEntry = route({
  method: 'delete',
  path: '/logbook-entries/{entryId}',
  params: LogbookEntryParams,
  responses: { 204: null },
})

export const createLogbookComment = route({
  method: 'post',
  path: '/logbook-entries/{entryId}/comments',
  params: LogbookEntryParams,
  body: L.NewLogbookCommentBody,
  responses: { 201: L.LogbookEntry },
})

export const deleteLogbookComment = route({
  method: 'delete',
  path: '/logbook-comments/{commentId}',
  params: LogbookCommentParams,
  responses: { 200: L.LogbookEntry },
})
