import { query } from '@solidjs/router'
import { api } from '../../lib/runtime.ts'

// Groups of a group assignment (edge/contract/routes/assignment-groups.ts): teachers get every
// group and who is in none; a student their own group. Every change answers with the groups as
// they are now.

export const getGroups = query(
  (assignmentId: string) => api().get('/assignments/:id/groups', { params: { id: assignmentId } }),
  'assignmentGroups',
)

export const createGroup = (assignmentId: string, name: string) =>
  api().post('/assignments/:id/groups', { name }, { params: { id: assignmentId } })

export const randomGroups = (assignmentId: string, size: number, prefix: string) =>
  api().post('/assignments/:id/groups/random', { size, prefix }, { params: { id: assignmentId } })

/** Puts a student in a group (moving them), or in none (`groupId` null). */
export const moveMember = (assignmentId: string, userId: string, groupId: string | null) =>
  api().put(
    '/assignments/:id/groups/members',
    { user_id: userId, group_id: groupId },
    { params: { id: assignmentId } },
  )

export const renameGroup = (groupId: string, name: string) =>
  api().patch('/assignment-groups/:id', { name }, { params: { id: groupId } })

export const deleteGroup = (groupId: string) =>
  api().delete('/assignment-groups/:id', { params: { id: groupId } })
