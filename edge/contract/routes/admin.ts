import { z } from 'zod'
import * as A from '../admin.ts'
import * as P from '../admin-platform.ts'
import { Slug, Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// The platform console (superadmins): schools and the platform dashboard; a school's status for its
// members.

export const AdminSchoolParams = z.object({ id: Uuid })
export const SchoolSlugParams = z.object({ slug: Slug })

export const listAdminSchools = route({
  method: 'get',
  path: '/admin/schools',
  query: A.AdminSchoolsQuery,
  responses: { 200: A.AdminSchoolsResponse },
})

export const createAdminSchool = route({
  method: 'post',
  path: '/admin/schools',
  body: A.CreateSchoolBody,
  responses: { 201: A.CreatedSchool },
})

export const setAdminSchoolStatus = route({
  method: 'put',
  path: '/admin/schools/{id}/status',
  params: AdminSchoolParams,
  body: A.SchoolStatusBody,
  responses: { 200: A.AdminSchool },
})

export const setAdminSchoolPlan = route({
  method: 'put',
  path: '/admin/schools/{id}/plan',
  params: AdminSchoolParams,
  body: A.SchoolPlanBody,
  responses: { 200: A.AdminSchool },
})

export const getPlatformWeekly = route({
  method: 'get',
  path: '/admin/platform/weekly',
  query: P.PlatformWeeklyQuery,
  responses: { 200: P.PlatformWeekly },
})

export const getSchoolStatus = route({
  method: 'get',
  path: '/schools/{slug}/status',
  params: SchoolSlugParams,
  responses: { 200: A.SchoolStatus },
})
