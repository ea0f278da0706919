import * as H from '../home.ts'
import { route } from './route.ts'
import { TenantParams } from './tenancy.ts'

// Home pages: one request per home.

export const getStudentHome = route({
  method: 'get',
  path: '/tenants/{id}/home/student',
  params: TenantParams,
  responses: { 200: H.StudentHome },
})

export const getTeacherHome = route({
  method: 'get',
  path: '/tenants/{id}/home/teacher',
  params: TenantParams,
  responses: { 200: H.TeacherHome },
})

export const getStaffHome = route({
  method: 'get',
  path: '/tenants/{id}/home/staff',
  params: TenantParams,
  responses: { 200: H.StaffHome },
})

export const getAdminHome = route({
  method: 'get',
  path: '/tenants/{id}/home/admin',
  params: TenantParams,
  responses: { 200: H.AdminHome },
})
