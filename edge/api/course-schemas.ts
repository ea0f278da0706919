import { z } from '@hono/zod-openapi'
import * as C from '../contract/courses.ts'
import { Uuid } from '../contract/tenancy.ts'
import { jsonResponse } from './router.ts'
import { ErrorSchema } from './schemas.ts'

// The course contract's schemas, named for the OpenAPI document (components/schemas/<Name>).

type OpenApiMethod = (this: z.ZodType, ...args: unknown[]) => z.ZodType
const openapi = (z.ZodType.prototype as unknown as { openapi: OpenApiMethod }).openapi

/**
 * `schema.openapi(...args)` even for a contract schema built before @hono/zod-openapi extended zod
 * (zod 4 copies prototype methods when a schema is created, so import order would matter).
 */
function named<S extends z.ZodType>(schema: S, ...args: unknown[]): S {
  return openapi.call(schema, ...args) as S
}

export const CourseSchema = named(C.Course, 'Course')
export const CourseListSchema = named(C.CourseList, 'CourseList')
export const CourseDetailSchema = named(C.CourseDetail, 'CourseDetail')
export const CreateCourseSchema = named(C.CreateCourseBody, 'CreateCourse')
export const UpdateCourseSchema = named(C.UpdateCourseBody, 'UpdateCourse')
export const CourseModuleSchema = named(C.CourseModule, 'CourseModule')
export const CreateModuleSchema = named(C.CreateModuleBody, 'CreateModule')
export const UpdateModuleSchema = named(C.UpdateModuleBody, 'UpdateModule')
export const CourseOrderSchema = named(C.CourseOrderBody, 'CourseOrder')
export const LessonSchema = named(C.Lesson, 'Lesson')
export const LessonDetailSchema = named(C.LessonDetail, 'LessonDetail')
export const CreateLessonSchema = named(C.CreateLessonBody, 'CreateLesson')
export const UpdateLessonSchema = named(C.UpdateLessonBody, 'UpdateLesson')
export const CourseAuthorSchema = named(C.CourseAuthor, 'CourseAuthor')
export const PutAuthorSchema = named(C.PutAuthorBody, 'PutAuthor')
export const EnrolmentSchema = named(C.Enrolment, 'Enrolment')
export const EnrolmentListSchema = named(C.EnrolmentList, 'EnrolmentList')
export const CreateEnrolmentSchema = named(C.CreateEnrolmentBody, 'CreateEnrolment')
export const PublishSchema = named(C.PublishBody, 'Publish')
export const LessonVersionSchema = named(C.LessonVersion, 'LessonVersion')
export const LessonVersionListSchema = named(C.LessonVersionList, 'LessonVersionList')
export const LessonVersionContentSchema = named(C.LessonVersionContent, 'LessonVersionContent')
export const PublishedLessonSchema = named(C.PublishedLesson, 'PublishedLesson')
export const RestoreResultSchema = named(C.RestoreResult, 'RestoreResult')

const uuidParam = (name: string, description: string) =>
  named(Uuid, {
    param: { name, in: 'path' },
    description,
    example: '10000000-0000-4000-a000-000000000001',
  })

/** Path parameters; a value that is not a UUID (or a version number) is a 400 naming the parameter. */
export const CourseParams = z.object({ id: uuidParam('id', 'The course id.') })
export const ModuleParams = z.object({ id: uuidParam('id', 'The module id.') })
export const LessonParams = z.object({ id: uuidParam('id', 'The lesson id.') })
export const CourseUserParams = CourseParams.extend({ userId: uuidParam('userId', "The person's user id.") })
export const VersionParams = LessonParams.extend({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .openapi({
      param: { name: 'n', in: 'path' },
      type: 'integer',
      description: 'The version number.',
      example: 1,
    }),
})

/** 422: the request is well formed but the rules say no (not a teacher of this school, empty lesson…). */
export const unprocessableResponse = {
  422: jsonResponse(ErrorSchema, 'Well formed, but not allowed by the rules; the message says why.'),
}
