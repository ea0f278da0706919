import { z } from 'zod'
import * as G from '../assignment-groups.ts'
import { AssignmentParams } from './assignments.ts'
import { route } from './route.ts'

// Groups of a group assignment: the course's editors make them (by hand or at random) and move
// students between them; students see their own group.

export const GroupParams = z.object({ id: z.uuid() })

export const listAssignmentGroups = route({
  method: 'get',
  path: '/assignments/{id}/groups',
  params: AssignmentParams,
  responses: { 200: G.AssignmentGroups },
})
export const createAssignmentGroup = route({
  method: 'post',
  path: '/assignments/{id}/groups',
  params: AssignmentParams,
  body: G.GroupBody,
  responses: { 201: G.AssignmentGroups },
})
export const randomAssignmentGroups = route({
  method: 'post',
  path: '/assignments/{id}/groups/random',
  params: AssignmentParams,
  body: G.RandomGroupsBody,
  responses: { 200: G.AssignmentGroups },
})
export const moveGroupMember = route({
  method: 'put',
  path: '/assignments/{id}/groups/members',
  params: AssignmentParams,
  body: G.GroupMemberBody,
  responses: { 200: G.AssignmentGroups },
})
export const renameAssignmentGroup = route({
  method: 'patch',
  path: '/assignment-groups/{id}',
  params: GroupParams,
  body: G.GroupBody,
  responses: { 200: G.AssignmentGroups },
})
export const deleteAssignmentGroup = route({
  method: 'delete',
  path: '/assignment-groups/{id}',
  params: GroupParams,
  responses: { 200: G.AssignmentGroups },
})
