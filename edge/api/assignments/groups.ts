import type { AssignmentGroup, AssignmentGroups, GroupMember } from '../../contract/assignment-groups.ts'
import type { Assignment } from '../../contract/assignments.ts'
import * as R from '../../contract/routes/assignment-groups.ts'
import type { Answers } from '../../lib/db.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { conflict, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireEdit } from '../courses/access.ts'
import { assignmentRights, assignmentRightsOf, assignmentRightsQueries } from './queries.ts'

// Groups of a group assignment (mode `group`): the course's editors make them, by hand or at random,
// and move students between them; a student sees only their own group. One submission per group,
// handed in by any member (submitGroupWork, called by PUT /assignments/:id/submission); the database
// gives its grade to every member (20261207000400_assignment_groups.sql).

const tags = ['assignments']

const list = apiRoute(R.listAssignmentGroups, {
  tags,
  summary: "An assignment's groups: all with who is in none (its teachers); your own group (students)",
  responses: { 200: 'The groups by name, with their members and submission.' },
  errors: [400, 401, 404],
})
const create = apiRoute(R.createAssignmentGroup, {
  tags,
  summary: 'Add an empty group to an assignment (editors)',
  responses: { 201: 'The groups.' },
  errors: [400, 401, 403, 404],
})
const random = apiRoute(R.randomAssignmentGroups, {
  tags,
  summary: 'Replace the groups with random groups of at most `size` of the enrolled students (editors)',
  description:
    'Groups are as even as they can be (10 students in groups of 3 make 3, 3, 2 and 2). Refused (409 ' +
    '`group_has_submission`) once a group has handed in work.',
  responses: { 200: 'The new groups.' },
  errors: [400, 401, 403, 404, 409],
})
const move = apiRoute(R.moveGroupMember, {
  tags,
  summary: 'Put an enrolled student in a group (moving them from their group), or in none (editors)',
  responses: { 200: 'The groups.' },
  errors: [400, 401, 403, 404, 422],
})
const rename = apiRoute(R.renameAssignmentGroup, {
  tags,
  summary: 'Rename a group (editors)',
  responses: { 200: 'The groups.' },
  errors: [400, 401, 403, 404],
})
const remove = apiRoute(R.deleteAssignmentGroup, {
  tags,
  summary: 'Delete a group; its members are in no group again (editors; not once it has handed in work)',
  responses: { 200: 'The groups left.' },
  errors: [400, 401, 403, 404, 409],
})

const memberName = (tx: Tx, column: string) => tx`
  coalesce((select nullif(p.display_name, '') from public.profiles p where p.id = ${tx(column)}), 'Student')`

/**
 * The reads of an assignment's groups, unsent (for withUserRead): the groups the caller sees (RLS:
 * teachers all, a student their own) and, for the course's teachers, the enrolled students in none.
 * `groupsOf` answers.
 */
function groupQueries(tx: Tx, assignmentId: string) {
  return [
    tx<AssignmentGroup[]>`
    select g.id, g.name,
      coalesce((select json_agg(json_build_object('user_id', m.user_id, 'name', ${memberName(tx, 'm.user_id')})
                 order by m.added_at, m.user_id)
               from public.assignment_group_members m where m.group_id = g.id), '[]'::json) as members,
      (select json_build_object('id', s.id, 'submitted_at', s.submitted_at, 'late', s.late, 'version', s.version,
                 'graded', exists (select 1 from public.assignment_grades x where x.submission_id = s.id))
       from public.assignment_submissions s where s.group_id = g.id) as submission
    from public.assignment_groups g where g.assignment_id = ${assignmentId}
    order by g.name, g.created_at, g.id`,
    tx<GroupMember[]>`
    select e.user_id, ${memberName(tx, 'e.user_id')} as name
    from public.assignments a join public.enrolments e on e.course_id = a.course_id
    where a.id = ${assignmentId} and private.can_see_course_work(a.course_id)
      and not exists (select 1 from public.assignment_group_members m
                      where m.assignment_id = a.id and m.user_id = e.user_id)
    order by 2, 1`,
  ] as const
}

/** The groups of an assignment (see groupQueries), members by name. */
function groupsOf(
  assignment: Assignment,
  [groups, unassigned]: Answers<ReturnType<typeof groupQueries>>,
  canManage: boolean,
): AssignmentGroups {
  for (const g of groups) g.members.sort((a, b) => a.name.localeCompare(b.name))
  return { assignment_id: assignment.id, mode: assignment.mode, groups, unassigned, can_manage: canManage }
}

/** The groups of an assignment the caller sees (see groupQueries). */
async function readGroups(tx: Tx, assignment: Assignment, canManage: boolean): Promise<AssignmentGroups> {
  return groupsOf(assignment, await Promise.all(groupQueries(tx, assignment.id)), canManage)
}

/** Hands in the caller's group's work: the group's one submission, created or replaced. */
export function submitGroupWork(tx: Tx, assignment: Assignment, body: string, files: unknown) {
  return tx<{ id: string }[]>`
    insert into public.assignment_submissions (assignment_id, course_id, tenant_id, body, files, group_id)
    values (${assignment.id}, ${assignment.course_id}, ${assignment.tenant_id}, ${body}, ${files as never},
      (select m.group_id from public.assignment_group_members m
       where m.assignment_id = ${assignment.id} and m.user_id = (select auth.uid())))
    on conflict (group_id) where group_id is not null do update set body = excluded.body, files = excluded.files
    returning id`
}

/**
 * Students dealt into ceil(n / size) groups, as even as can be (no group above `size`), in the
 * order `random` shuffles them.
 */
export function randomGroups(
  students: string[],
  size: number,
  random: () => number = Math.random,
): string[][] {
  const deck = [...students]
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[deck[i], deck[j]] = [deck[j] as string, deck[i] as string]
  }
  const count = Math.ceil(deck.length / size)
  const groups: string[][] = Array.from({ length: count }, () => [])
  for (const [i, id] of deck.entries()) groups[i % count]?.push(id)
  return groups
}

/** An assignment the caller edits, with its groups read afresh after `change`. */
async function editGroups(tx: Tx, id: string, change: (a: Assignment) => Promise<void>) {
  const { assignment, rights } = await assignmentRights(tx, id)
  requireEdit(rights, 'make groups')
  await change(assignment)
  return readGroups(tx, assignment, true)
}

/** The assignment a group (the caller sees) belongs to; 404 otherwise. */
async function groupAssignment(tx: Tx, groupId: string): Promise<string> {
  const [row] = await tx<{ assignment_id: string }[]>`
    select assignment_id from public.assignment_groups where id = ${groupId}`
  if (!row) throw notFound('group_not_found', 'No such group.')
  return row.assignment_id
}

const handedIn = () =>
  conflict('group_has_submission', 'A group has handed in work: its group stays as it is.')

/** GET/POST /assignments/:id/groups, POST …/groups/random, PUT …/groups/members, PATCH/DELETE /assignment-groups/:id. */
export function groupRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [assignmentRows, rightsRows, ...groups] = await withUserRead(sql, c.var.claims, (tx) => [
        ...assignmentRightsQueries(tx, id),
        ...groupQueries(tx, id),
      ])
      const { assignment, rights } = assignmentRightsOf([assignmentRows, rightsRows])
      return c.json(groupsOf(assignment, groups, rights.edit), 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { name } = c.req.valid('json')
      const body = await withUser(sql, c.var.claims, (tx) =>
        editGroups(tx, id, async (a) => {
          await tx`insert into public.assignment_groups (assignment_id, course_id, tenant_id, name)
            values (${a.id}, ${a.course_id}, ${a.tenant_id}, ${name})`
        }),
      )
      return c.json(body, 201)
    })
    .openapi({ ...random, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { size, prefix } = c.req.valid('json')
      const body = await withUser(sql, c.var.claims, (tx) =>
        editGroups(tx, id, async (a) => {
          const [done] = await tx`select 1 from public.assignment_submissions s
            where s.assignment_id = ${a.id} and s.group_id is not null limit 1`
          if (done) throw handedIn()
          const students = await tx<{ user_id: string }[]>`
            select user_id from public.enrolments where course_id = ${a.course_id}`
          await tx`delete from public.assignment_groups where assignment_id = ${a.id}`
          const groups = randomGroups(
            students.map((s) => s.user_id),
            size,
          )
          for (const [i, members] of groups.entries()) {
            const [g] = await tx<{ id: string }[]>`
              insert into public.assignment_groups (assignment_id, course_id, tenant_id, name)
              values (${a.id}, ${a.course_id}, ${a.tenant_id}, ${`${prefix ?? 'Group'} ${i + 1}`}) returning id`
            await tx`insert into public.assignment_group_members (group_id, assignment_id, course_id, user_id)
              select ${g?.id as string}, ${a.id}, ${a.course_id}, u from unnest(${members}::uuid[]) u`
          }
        }),
      )
      return c.json(body, 200)
    })
    .openapi({ ...move, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { user_id, group_id } = c.req.valid('json')
      const body = await withUser(sql, c.var.claims, (tx) =>
        editGroups(tx, id, async (a) => {
          if (group_id === null) {
            await tx`delete from public.assignment_group_members where assignment_id = ${a.id} and user_id = ${user_id}`
            return
          }
          if ((await groupAssignment(tx, group_id)) !== a.id)
            throw notFound('group_not_found', 'No such group.')
          await tx`insert into public.assignment_group_members (group_id, assignment_id, course_id, user_id)
            values (${group_id}, ${a.id}, ${a.course_id}, ${user_id})
            on conflict (assignment_id, user_id) do update set group_id = excluded.group_id`
        }),
      )
      return c.json(body, 200)
    })
    .openapi({ ...rename, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { name } = c.req.valid('json')
      const body = await withUser(sql, c.var.claims, async (tx) =>
        editGroups(tx, await groupAssignment(tx, id), async () => {
          await tx`update public.assignment_groups set name = ${name} where id = ${id}`
        }),
      )
      return c.json(body, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = await withUser(sql, c.var.claims, async (tx) =>
        editGroups(tx, await groupAssignment(tx, id), async () => {
          const [done] = await tx`select 1 from public.assignment_submissions where group_id = ${id}`
          if (done) throw handedIn()
          await tx`delete from public.assignment_groups where id = ${id}`
        }),
      )
      return c.json(body, 200)
    })
}
