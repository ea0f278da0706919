import * as D from '../data-rights.ts'
import { route } from './route.ts'
import { TenantParams } from './tenancy.ts'

// Data rights: deleting one's account, handing a school over, a school's export and deletion.

/** Deletes the signed-in account after the password is re-entered (204). */
export const deleteMyAccount = route({
  method: 'post',
  path: '/me/delete',
  body: D.DeleteAccountBody,
  responses: { 204: null },
})

export const transferOwnership = route({
  method: 'post',
  path: '/tenants/{id}/ownership',
  params: TenantParams,
  body: D.TransferOwnershipBody,
  responses: { 200: D.OwnershipTransferred },
})

/** The school's data as one JSON document (an attachment, streamed). */
export const exportSchool = route({
  method: 'get',
  path: '/tenants/{id}/export',
  params: TenantParams,
  responses: { 200: D.SchoolExport },
})

export const getSchoolDeletion = route({
  method: 'get',
  path: '/tenants/{id}/deletion',
  params: TenantParams,
  responses: { 200: D.SchoolDeletion },
})

export const requestSchoolDeletion = route({
  method: 'post',
  path: '/tenants/{id}/deletion',
  params: TenantParams,
  responses: { 201: D.SchoolDeletion },
})

export const cancelSchoolDeletion = route({
  method: 'delete',
  path: '/tenants/{id}/deletion',
  params: TenantParams,
  responses: { 200: D.SchoolDeletion },
})

export const listPendingSchoolDeletions = route({
  method: 'get',
  path: '/admin/school-deletions',
  responses: { 200: D.PendingSchoolDeletions },
})
