import * as C from '../../contract/courses.ts'
import * as R from '../../contract/routes/courses.ts'
import { named, pathParams } from '../core/openapi.ts'
import '../tenancy/schemas.ts'

// The course contract's schemas as the OpenAPI document shows them (components/schemas/<Name>).
// apiRoute() looks these forms up when a route is built, so every routes file of the feature
// imports this module (`import './schemas.ts'`) before building its routes.

named(C.Course, 'Course')
named(C.CourseList, 'CourseList')
named(C.CourseDetail, 'CourseDetail')
named(C.CreateCourseBody, 'CreateCourse')
named(C.UpdateCourseBody, 'UpdateCourse')
named(C.CourseModule, 'CourseModule')
named(C.CreateModuleBody, 'CreateModule')
named(C.UpdateModuleBody, 'UpdateModule')
named(C.CourseOrderBody, 'CourseOrder')
named(C.Lesson, 'Lesson')
named(C.LessonDetail, 'LessonDetail')
named(C.CreateLessonBody, 'CreateLesson')
named(C.UpdateLessonBody, 'UpdateLesson')
named(C.CourseAuthor, 'CourseAuthor')
named(C.PutAuthorBody, 'PutAuthor')
named(C.Enrolment, 'Enrolment')
named(C.EnrolmentList, 'EnrolmentList')
named(C.CreateEnrolmentBody, 'CreateEnrolment')
named(C.PublishBody, 'Publish')
named(C.LessonVersion, 'LessonVersion')
named(C.LessonVersionList, 'LessonVersionList')
named(C.LessonVersionContent, 'LessonVersionContent')
named(C.PublishedLesson, 'PublishedLesson')
named(C.RestoreResult, 'RestoreResult')
named(C.LessonProgress, 'LessonProgress')
named(C.PutLessonProgressBody, 'PutLessonProgress')

const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })

pathParams(R.CourseParams, { id: uuid('The course id.') })
pathParams(R.ModuleParams, { id: uuid('The module id.') })
pathParams(R.LessonParams, { id: uuid('The lesson id.') })
pathParams(R.CourseUserParams, { id: uuid('The course id.'), userId: uuid("The person's user id.") })
pathParams(R.VersionParams, {
  id: uuid('The lesson id.'),
  n: { type: 'integer', description: 'The version number.', example: 1 },
})
