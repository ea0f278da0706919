import * as H from '../../contract/home.ts'
import { named } from '../core/openapi.ts'
import '../support/schemas.ts'
import '../tenancy/schemas.ts'
import '../tutoring/schemas.ts'

// The home contract's schemas as the OpenAPI document shows them (components/schemas/<Name>).
// apiRoute() looks these forms up when a route is built, so every routes file of the feature
// imports this module (`import './schemas.ts'`) before building its routes.

named(H.HomeCourse, 'HomeCourse')
named(H.HomeTicket, 'HomeTicket')
named(H.StudentHome, 'StudentHome')
named(H.TeacherCourse, 'TeacherCourse')
named(H.TeacherDraft, 'TeacherDraft')
named(H.WaitingRoom, 'WaitingRoom')
named(H.TeacherHome, 'TeacherHome')
named(H.StaffHome, 'StaffHome')
named(H.AdminHome, 'AdminHome')
