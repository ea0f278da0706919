import { z } from 'zod'
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
  },
  post: {
    '/tenants': withBody(CreateTenantBody, Tenant),
    '/tenants/:id/invitations': withBody(CreateInvitationBody, CreatedInvitation),
    '/invitations/accept': withBody(AcceptInvitationBody, AcceptInvitationResponse),
  },
  patch: {
    '/tenants/:id': withBody(UpdateTenantBody, Tenant),
    '/tenants/:id/members/:userId': withBody(UpdateMemberBody, Member),
  },
  delete: {
    '/tenants/:id/members/:userId': Ignored,
    '/tenants/:id/invitations/:invId': Ignored,
  },
} as const

export type Endpoints = typeof endpoints
