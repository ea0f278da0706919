import { z } from 'zod'
import {
  Course,
  CourseDetail,
  CourseList,
  CourseModule,
  CourseOrderBody,
  CreateCourseBody,
  CreateEnrolmentBody,
  CreateLessonBody,
  CreateModuleBody,
  EnrolmentList,
  Lesson,
  LessonDetail,
  LessonVersion,
  LessonVersionContent,
  LessonVersionList,
  PublishBody,
  PublishedLesson,
  PutAuthorBody,
  RestoreResult,
  UpdateCourseBody,
  UpdateLessonBody,
  UpdateModuleBody,
} from '../../../edge/contract/courses.ts'
import {
  AcceptInvitationBody,
  AcceptInvitationResponse,
  AdminTenantsResponse,
  CreatedInvitation,
  CreateInvitationBody,
  CreateTenantBody,
  InvitationList,
  InvitationPreview,
  Member,
  MemberList,
  MeResponse,
  Tenant,
  TenantList,
  UpdateMemberBody,
  UpdateTenantBody,
} from '../../../edge/contract/tenancy.ts'

/** A route with a JSON body. */
interface WithBody<B extends z.ZodType, R extends z.ZodType> {
  body: B
  response: R
}

const withBody = <B extends z.ZodType, R extends z.ZodType>(body: B, response: R): WithBody<B, R> => ({
  body,
  response,
})

/** Anything (or nothing) — for answers the app does not read (it reloads the list instead). */
const Ignored = z.unknown()

/** A POST without fields (self-enrolment, restore). */
const NoBody = z.strictObject({})

/**
 * Every route of the api function the web app calls, by method, with the contract schema of what
 * it sends and gets back (paths relative to /functions/v1/api; `:name` is a path parameter).
 */
export const endpoints = {
  get: {
    '/me': MeResponse,
    '/tenants': TenantList,
    '/tenants/:id': Tenant,
    '/tenants/:id/members': MemberList,
    '/tenants/:id/invitations': InvitationList,
    '/invitations/preview': InvitationPreview,
    '/admin/tenants': AdminTenantsResponse,
    '/tenants/:tenantId/courses': CourseList,
    '/courses/:id': CourseDetail,
    '/courses/:id/enrolments': EnrolmentList,
    '/lessons/:id': LessonDetail,
    '/lessons/:id/versions': LessonVersionList,
    '/lessons/:id/versions/:n': LessonVersionContent,
    '/lessons/:id/published': PublishedLesson,
  },
  post: {
    '/tenants': withBody(CreateTenantBody, Tenant),
    '/tenants/:id/invitations': withBody(CreateInvitationBody, CreatedInvitation),
    '/invitations/accept': withBody(AcceptInvitationBody, AcceptInvitationResponse),
    '/tenants/:tenantId/courses': withBody(CreateCourseBody, Course),
    '/courses/:id/modules': withBody(CreateModuleBody, CourseModule),
    '/courses/:id/lessons': withBody(CreateLessonBody, Lesson),
    '/courses/:id/enrolments': withBody(CreateEnrolmentBody, Ignored),
    '/courses/:id/enrol': withBody(NoBody, Ignored),
    '/lessons/:id/publish': withBody(PublishBody, LessonVersion),
    '/lessons/:id/versions/:n/restore': withBody(NoBody, RestoreResult),
  },
  patch: {
    '/tenants/:id': withBody(UpdateTenantBody, Tenant),
    '/tenants/:id/members/:userId': withBody(UpdateMemberBody, Member),
    '/courses/:id': withBody(UpdateCourseBody, Ignored),
    '/modules/:id': withBody(UpdateModuleBody, Ignored),
    '/lessons/:id': withBody(UpdateLessonBody, Ignored),
  },
  put: {
    '/courses/:id/order': withBody(CourseOrderBody, Ignored),
    '/courses/:id/authors/:userId': withBody(PutAuthorBody, Ignored),
  },
  delete: {
    '/tenants/:id/members/:userId': Ignored,
    '/tenants/:id/invitations/:invId': Ignored,
    '/courses/:id': Ignored,
    '/modules/:id': Ignored,
    '/lessons/:id': Ignored,
    '/courses/:id/authors/:userId': Ignored,
    '/courses/:id/enrolments/:userId': Ignored,
  },
} as const

export type Endpoints = typeof endpoints
