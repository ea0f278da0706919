import { z } from 'zod'
import { Uuid } from '../tenancy.ts'
import * as T from '../tutoring.ts'
import { route } from './route.ts'
import { TenantParams } from './tenancy.ts'

// Tutoring: scheduled sessions and their bookings, the video room (join, waiting room,
// moderation) and its record (attendance, chat).

/** Path parameters; a value that is not a UUID is a 400 naming the parameter. */
export const SessionParams = z.object({ id: Uuid })
export const SessionUserParams = SessionParams.extend({ userId: Uuid })

/** Answers the sessions created, by start: one, or a weekly series. */
export const createSessions = route({
  method: 'post',
  path: '/tenants/{id}/sessions',
  params: TenantParams,
  body: T.CreateSessionBody,
  responses: { 201: T.SessionList },
})

export const listSessions = route({
  method: 'get',
  path: '/tenants/{id}/sessions',
  params: TenantParams,
  query: T.SessionListQuery,
  responses: { 200: T.SessionList },
})

export const getSession = route({
  method: 'get',
  path: '/sessions/{id}',
  params: SessionParams,
  responses: { 200: T.SessionDetail },
})

export const updateSession = route({
  method: 'patch',
  path: '/sessions/{id}',
  params: SessionParams,
  body: T.UpdateSessionBody,
  responses: { 200: T.SessionDetail },
})

export const cancelSession = route({
  method: 'delete',
  path: '/sessions/{id}',
  params: SessionParams,
  responses: { 204: null },
})

export const bookSeat = route({
  method: 'post',
  path: '/sessions/{id}/bookings',
  params: SessionParams,
  body: T.CreateBookingBody,
  responses: { 201: T.Booking },
})

export const giveBackSeat = route({
  method: 'delete',
  path: '/sessions/{id}/bookings/me',
  params: SessionParams,
  responses: { 204: null },
})

/** 200: how to connect; 202 while the waiting room holds the caller. */
export const joinRoom = route({
  method: 'post',
  path: '/sessions/{id}/join',
  params: SessionParams,
  responses: { 200: T.JoinResponse, 202: T.WaitingResponse },
})

export const listWaiting = route({
  method: 'get',
  path: '/sessions/{id}/admissions',
  params: SessionParams,
  responses: { 200: T.WaitingList },
})

export const decideAdmission = route({
  method: 'post',
  path: '/sessions/{id}/admissions',
  params: SessionParams,
  body: T.AdmitBody,
  responses: { 204: null },
})

export const muteParticipant = route({
  method: 'post',
  path: '/sessions/{id}/participants/{userId}/mute',
  params: SessionUserParams,
  body: T.MuteBody,
  responses: { 204: null },
})

export const removeParticipant = route({
  method: 'post',
  path: '/sessions/{id}/participants/{userId}/remove',
  params: SessionUserParams,
  body: T.RemoveBody,
  responses: { 204: null },
})

export const endSession = route({
  method: 'post',
  path: '/sessions/{id}/end',
  params: SessionParams,
  responses: { 204: null },
})

export const getAttendance = route({
  method: 'get',
  path: '/sessions/{id}/attendance',
  params: SessionParams,
  responses: { 200: T.AttendanceList },
})

export const listRoomMessages = route({
  method: 'get',
  path: '/sessions/{id}/messages',
  params: SessionParams,
  query: T.SessionMessageQuery,
  responses: { 200: T.SessionMessageList },
})

export const postRoomMessage = route({
  method: 'post',
  path: '/sessions/{id}/messages',
  params: SessionParams,
  body: T.PostSessionMessageBody,
  responses: { 201: T.SessionMessage },
})
