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
