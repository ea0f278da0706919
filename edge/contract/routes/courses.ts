import { z } from 'zod'
import * as C from '../courses.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'
import { TenantParams } from './tenancy.ts'

// Courses, their modules and lessons, co-authors, enrolments and published versions.

/** Path parameters; a value that is not a UUID (or a version number) is a 400 naming the parameter. */
export const CourseParams = z.object({ id: Uuid })
export const ModuleParams = z.object({ id: Uuid })
export const LessonParams = z.object({ id: Uuid })
export const CourseUserParams = CourseParams.extend({ userId: Uuid })
export const VersionParams = LessonParams.extend({ n: z.coerce.number().int().min(1).max(1_000_000_000) })

export const createCourse = route({
  method: 'post',
  path: '/tenants/{id}/courses',
  params: TenantParams,
  body: C.CreateCourseBody,
  responses: { 201: C.CourseDetail },
})

export const listCourses = route({
  method: 'get',
  path: '/tenants/{id}/courses',
  params: TenantParams,
  responses: { 200: C.CourseList },
})

export const getCourse = route({
  method: 'get',
  path: '/courses/{id}',
  params: CourseParams,
  responses: { 200: C.CourseDetail },
})

export const updateCourse = route({
  method: 'patch',
  path: '/courses/{id}',
  params: CourseParams,
  body: C.UpdateCourseBody,
  responses: { 200: C.CourseDetail },
})

export const deleteCourse = route({
  method: 'delete',
  path: '/courses/{id}',
  params: CourseParams,
  responses: { 204: null },
})

export const createModule = route({
  method: 'post',
  path: '/courses/{id}/modules',
  params: CourseParams,
  body: C.CreateModuleBody,
  responses: { 201: C.CourseModule },
})

export const updateModule = route({
  method: 'patch',
  path: '/modules/{id}',
  params: ModuleParams,
  body: C.UpdateModuleBody,
  responses: { 200: C.CourseModule },
})

export const deleteModule = route({
  method: 'delete',
  path: '/modules/{id}',
  params: ModuleParams,
  responses: { 204: null },
})

export const reorderCourse = route({
  method: 'put',
  path: '/courses/{id}/order',
  params: CourseParams,
  body: C.CourseOrderBody,
  responses: { 200: C.CourseDetail },
})

export const createLesson = route({
  method: 'post',
  path: '/courses/{id}/lessons',
  params: CourseParams,
  body: C.CreateLessonBody,
  responses: { 201: C.Lesson },
})

export const getLesson = route({
  method: 'get',
  path: '/lessons/{id}',
  params: LessonParams,
  responses: { 200: C.LessonDetail },
})

export const updateLesson = route({
  method: 'patch',
  path: '/lessons/{id}',
  params: LessonParams,
  body: C.UpdateLessonBody,
  responses: { 200: C.Lesson },
})

export const deleteLesson = route({
  method: 'delete',
  path: '/lessons/{id}',
  params: LessonParams,
  responses: { 204: null },
})

export const putAuthor = route({
  method: 'put',
  path: '/courses/{id}/authors/{userId}',
  params: CourseUserParams,
  body: C.PutAuthorBody,
  responses: { 200: C.CourseAuthor, 201: C.CourseAuthor },
})

export const removeAuthor = route({
  method: 'delete',
  path: '/courses/{id}/authors/{userId}',
  params: CourseUserParams,
  responses: { 204: null },
})

export const listEnrolments = route({
  method: 'get',
  path: '/courses/{id}/enrolments',
  params: CourseParams,
  responses: { 200: C.EnrolmentList },
})

export const enrolStudent = route({
  method: 'post',
  path: '/courses/{id}/enrolments',
  params: CourseParams,
  body: C.CreateEnrolmentBody,
  responses: { 201: C.Enrolment },
})

/** 200 when already enrolled, 201 when enrolled now. */
export const enrolSelf = route({
  method: 'post',
  path: '/courses/{id}/enrol',
  params: CourseParams,
  responses: { 200: C.Enrolment, 201: C.Enrolment },
})

export const unenrol = route({
  method: 'delete',
  path: '/courses/{id}/enrolments/{userId}',
  params: CourseUserParams,
  responses: { 204: null },
})

export const publishLesson = route({
  method: 'post',
  path: '/lessons/{id}/publish',
  params: LessonParams,
  body: C.PublishBody,
  bodyOptional: true,
  responses: { 201: C.LessonVersion },
})

export const listVersions = route({
  method: 'get',
  path: '/lessons/{id}/versions',
  params: LessonParams,
  responses: { 200: C.LessonVersionList },
})

export const getVersion = route({
  method: 'get',
  path: '/lessons/{id}/versions/{n}',
  params: VersionParams,
  responses: { 200: C.LessonVersionContent },
})

export const restoreVersion = route({
  method: 'post',
  path: '/lessons/{id}/versions/{n}/restore',
  params: VersionParams,
  responses: { 200: C.RestoreResult },
})

export const getPublished = route({
  method: 'get',
  path: '/lessons/{id}/published',
  params: LessonParams,
  responses: { 200: C.PublishedLesson },
})

export const putLessonProgress = route({
  method: 'put',
  path: '/lessons/{id}/progress',
  params: LessonParams,
  body: C.PutLessonProgressBody,
  responses: { 200: C.LessonProgress },
})
