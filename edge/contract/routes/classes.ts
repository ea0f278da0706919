import { z } from 'zod'
import * as C from '../classes.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Classes (groups of students with class teachers) and the bulk import of students.

export const ClassTenantParams = z.object({ tenantId: Uuid })
export const ClassParams = z.object({ classId: Uuid })
export const ClassPersonParams = ClassParams.extend({ userId: Uuid })

export const listClasses = route({
  method: 'get',
  path: '/tenants/{tenantId}/classes',
  params: ClassTenantParams,
  responses: { 200: C.ClassList },
})

export const createClass = route({
  method: 'post',
  path: '/tenants/{tenantId}/classes',
  params: ClassTenantParams,
  body: C.CreateClassBody,
  responses: { 201: C.ClassDetail },
})

export const getClass = route({
  method: 'get',
  path: '/classes/{classId}',
  params: ClassParams,
  responses: { 200: C.ClassDetail },
})

export const updateClass = route({
  method: 'patch',
  path: '/classes/{classId}',
  params: ClassParams,
  body: C.UpdateClassBody,
  responses: { 200: C.ClassDetail },
})

export const deleteClass = route({
  method: 'delete',
  path: '/classes/{classId}',
  params: ClassParams,
  responses: { 204: null },
})

export const addClassStudents = route({
  method: 'post',
  path: '/classes/{classId}/students',
  params: ClassParams,
  body: C.AddClassPeopleBody,
  responses: { 200: C.ClassDetail },
})

export const removeClassStudent = route({
  method: 'delete',
  path: '/classes/{classId}/students/{userId}',
  params: ClassPersonParams,
  responses: { 204: null },
})

export const addClassTeachers = route({
  method: 'post',
  path: '/classes/{classId}/teachers',
  params: ClassParams,
  body: C.AddClassPeopleBody,
  responses: { 200: C.ClassDetail },
})

export const removeClassTeacher = route({
  method: 'delete',
  path: '/classes/{classId}/teachers/{userId}',
  params: ClassPersonParams,
  responses: { 204: null },
})

export const enrolClass = route({
  method: 'post',
  path: '/classes/{classId}/enrol',
  params: ClassParams,
  body: C.EnrolClassBody,
  responses: { 200: C.ClassEnrolment },
})

export const bookClass = route({
  method: 'post',
  path: '/classes/{classId}/bookings',
  params: ClassParams,
  body: C.BookClassBody,
  responses: { 200: C.ClassBooking },
})

export const previewStudentImport = route({
  method: 'post',
  path: '/tenants/{tenantId}/student-imports/preview',
  params: ClassTenantParams,
  body: C.StudentImportBody,
  responses: { 200: C.ImportPreview },
})

export const importStudents = route({
  method: 'post',
  path: '/tenants/{tenantId}/student-imports',
  params: ClassTenantParams,
  body: C.StudentImportBody,
  responses: { 200: C.ImportResult },
})
