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
  AssignBody,
  CannedReply,
  CannedReplyList,
  CreateCannedReplyBody,
  CreateHolidayBody,
  CreateTicketBody,
  CsatBody,
  CsatReport,
  MergeBody,
  NotificationList,
  PostMessageBody,
  PutCalendarBody,
  PutSlaPolicyBody,
  ReadNotificationsBody,
  SeenBody,
  SlaSettings,
  SupportAgentList,
  TicketDetail,
  TicketList,
  TicketMessage,
  TicketMessageList,
  TicketRating,
  UpdateAgentBody,
  UpdateCannedReplyBody,
  UpdateTicketBody,
} from '../../../edge/contract/support.ts'
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
import {
  AdmitBody,
  AttendanceList,
  CreateBookingBody,
  CreateSessionBody,
  JoinResponse,
  MuteBody,
  PostSessionMessageBody,
  RemoveBody,
  SessionDetail,
  SessionList,
  SessionMessage,
  SessionMessageList,
  UpdateSessionBody,
  WaitingList,
  WaitingResponse,
} from '../../../edge/contract/tutoring.ts'

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

/** `POST /sessions/:id/join`: 200 with how to enter the room, or 202 while the waiting room holds you. */
const JoinOrWaiting = z.union([JoinResponse, WaitingResponse])

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
    '/tenants/:tenantId/tickets': TicketList,
    '/tickets/:id': TicketDetail,
    '/tickets/:id/messages': TicketMessageList,
    '/tenants/:tenantId/canned-replies': CannedReplyList,
    '/tenants/:tenantId/sla': SlaSettings,
    '/tenants/:tenantId/support/agents': SupportAgentList,
    '/tenants/:tenantId/support/report': CsatReport,
    '/notifications': NotificationList,
    '/tenants/:tenantId/sessions': SessionList,
    '/sessions/:id': SessionDetail,
    '/sessions/:id/attendance': AttendanceList,
    '/sessions/:id/messages': SessionMessageList,
    '/sessions/:id/admissions': WaitingList,
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
    '/tenants/:tenantId/tickets': withBody(CreateTicketBody, TicketDetail),
    '/tickets/:id/messages': withBody(PostMessageBody, TicketMessage),
    '/tickets/:id/assign': withBody(AssignBody, TicketDetail),
    '/tickets/:id/merge': withBody(MergeBody, Ignored),
    '/tickets/:id/seen': withBody(SeenBody, Ignored),
    '/tickets/:id/csat': withBody(CsatBody, TicketRating),
    '/tenants/:tenantId/canned-replies': withBody(CreateCannedReplyBody, CannedReply),
    '/tenants/:tenantId/sla/holidays': withBody(CreateHolidayBody, Ignored),
    '/notifications/read': withBody(ReadNotificationsBody, Ignored),
    '/tenants/:tenantId/sessions': withBody(CreateSessionBody, SessionList),
    '/sessions/:id/bookings': withBody(CreateBookingBody, Ignored),
    '/sessions/:id/join': withBody(NoBody, JoinOrWaiting),
    '/sessions/:id/messages': withBody(PostSessionMessageBody, SessionMessage),
    '/sessions/:id/admissions': withBody(AdmitBody, Ignored),
    '/sessions/:id/participants/:userId/mute': withBody(MuteBody, Ignored),
    '/sessions/:id/participants/:userId/remove': withBody(RemoveBody, Ignored),
    '/sessions/:id/end': withBody(NoBody, Ignored),
  },
  patch: {
    '/tenants/:id': withBody(UpdateTenantBody, Tenant),
    '/tenants/:id/members/:userId': withBody(UpdateMemberBody, Member),
    '/courses/:id': withBody(UpdateCourseBody, Ignored),
    '/modules/:id': withBody(UpdateModuleBody, Ignored),
    '/lessons/:id': withBody(UpdateLessonBody, Ignored),
    '/tickets/:id': withBody(UpdateTicketBody, TicketDetail),
    '/canned-replies/:id': withBody(UpdateCannedReplyBody, CannedReply),
    '/tenants/:tenantId/support/agents/:userId': withBody(UpdateAgentBody, Ignored),
    '/sessions/:id': withBody(UpdateSessionBody, Ignored),
  },
  put: {
    '/courses/:id/order': withBody(CourseOrderBody, Ignored),
    '/courses/:id/authors/:userId': withBody(PutAuthorBody, Ignored),
    '/tenants/:tenantId/sla/policies/:priority': withBody(PutSlaPolicyBody, Ignored),
    '/tenants/:tenantId/sla/calendar': withBody(PutCalendarBody, Ignored),
  },
  delete: {
    '/tenants/:id/members/:userId': Ignored,
    '/tenants/:id/invitations/:invId': Ignored,
    '/courses/:id': Ignored,
    '/modules/:id': Ignored,
    '/lessons/:id': Ignored,
    '/courses/:id/authors/:userId': Ignored,
    '/courses/:id/enrolments/:userId': Ignored,
    '/canned-replies/:id': Ignored,
    '/tenants/:tenantId/sla/holidays/:day': Ignored,
    '/sessions/:id': Ignored,
    '/sessions/:id/bookings/me': Ignored,
  },
} as const

export type Endpoints = typeof endpoints
