import * as C from '../../contract/classes.ts'
import * as R from '../../contract/routes/classes.ts'
import { type Answers, type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { apiRoute, named, pathParams } from '../core/openapi.ts'
import { onUnique } from '../core/pg-errors.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin, tenantRoleIn, tenantRoleQuery } from './access.ts'

// Classes (public.classes, class_members, class_teachers; 20261208020000_classes.sql). RLS decides
// who sees and changes what; public.enrol_class enrols a class through the enrolments' own rules.
// The routes give readable answers and shape the class page.

named(C.ClassSummary, 'ClassSummary')
named(C.ClassDetail, 'ClassDetail')
named(C.CreateClassBody, 'CreateClass')
named(C.UpdateClassBody, 'UpdateClass')
named(C.AddClassPeopleBody, 'AddClassPeople')
named(C.EnrolClassBody, 'EnrolClass')
named(C.ClassEnrolment, 'ClassEnrolment')
const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.ClassTenantParams, { tenantId: uuid('The school (tenant) id.') })
pathParams(R.ClassParams, { classId: uuid('The class id.') })
pathParams(R.ClassPersonParams, { classId: uuid('The class id.'), userId: uuid("The person's user id.") })

const tags = ['classes']

const list = apiRoute(R.listClasses, {
  tags,
  summary: "A school's classes (staff, instructors and admins: all; a student: their own)",
  description: 'With each class’s size and teachers. Pending placements are counted for admins only.',
  responses: { 200: 'By name.' },
  errors: [400, 401, 404],
})
const create = apiRoute(R.createClass, {
  tags,
  summary: 'Create a class (owners and admins)',
  description: 'Names are unique per school in any case (409 `class_name_taken`). Audited.',
  responses: { 201: 'The class.' },
  errors: [400, 401, 403, 404, 409],
})
const get = apiRoute(R.getClass, {
  tags,
  summary: 'A class with its students and teachers, as the caller may see them',
  description:
    'Admins, staff and the class’s teachers see every student (admins also the invited students ' +
    'waiting to join); a student sees the class and themself; a linked parent the class and the child.',
  responses: { 200: 'The class.' },
  errors: [400, 401, 404],
})
const update = apiRoute(R.updateClass, {
  tags,
  summary: 'Rename a class or change its grade (owners and admins)',
  responses: { 200: 'The class.' },
  errors: [400, 401, 403, 404, 409],
})
const remove = apiRoute(R.deleteClass, {
  tags,
  summary: 'Delete a class (owners and admins); its students stay in the school',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})
const addStudents = apiRoute(R.addClassStudents, {
  tags,
  summary: 'Put students in a class (owners and admins); a student in another class moves here',
  description: 'Only students of the school (422 `class_students_only`). Audited.',
  responses: { 200: 'The class.' },
  errors: [400, 401, 403, 404, 422],
})
const removeStudent = apiRoute(R.removeClassStudent, {
  tags,
  summary: 'Take a student out of a class (owners and admins)',
  responses: { 204: 'Removed from the class.' },
  errors: [400, 401, 403, 404],
})
const addTeachers = apiRoute(R.addClassTeachers, {
  tags,
  summary: 'Name class teachers (owners and admins)',
  description: 'Instructors, admins or owners of the school (422 `class_teachers_only`). Audited.',
  responses: { 200: 'The class.' },
  errors: [400, 401, 403, 404, 422],
})
const removeTeacher = apiRoute(R.removeClassTeacher, {
  tags,
  summary: 'Remove a class teacher (owners and admins)',
  responses: { 204: 'Removed.' },
  errors: [400, 401, 403, 404],
})
const enrol = apiRoute(R.enrolClass, {
  tags,
  summary: 'Enrol every student of a class in a course (owners, admins and the class’s teachers)',
  description:
    'The course must be one of the school’s (404 `course_not_found`). Students already enrolled are ' +
    'counted in `already`; running it again enrols nobody twice.',
  responses: { 200: 'How many were enrolled now, and how many already were.' },
  errors: [400, 401, 403, 404],
})
const book = apiRoute(R.bookClass, {
  tags,
  summary: 'Book every student of a class into a session (the session’s tutor teaching the class, admins)',
  description:
    'The session must be one of the school’s (404 `session_not_found`) and still open. All or nothing: ' +
    'when the students without a seat outnumber the free seats, nobody is booked (409 `class_too_big`). ' +
    'Students who had a seat are counted in `already`.',
  responses: { 200: 'How many seats were booked now, and how many students already had one.' },
  errors: [400, 401, 403, 404, 409],
})

const nameTaken = onUnique({
  classes_tenant_name_idx: {
    code: 'class_name_taken',
    message: 'This school already has a class with that name.',
    field: 'name',
  },
})

const classNotFound = () =>
  notFound('class_not_found', 'No such class in this school: it may have been deleted.')

/** The school of a class the caller can see (404 otherwise). */
async function classTenant(tx: Tx, classId: string): Promise<string> {
  const [row] = await tx<{ tenant_id: string }[]>`select tenant_id from public.classes where id = ${classId}`
  if (!row) throw classNotFound()
  return row.tenant_id
}

/** 403 unless the caller administers the class's school; returns that school. */
async function requireClassAdmin(tx: Tx, classId: string): Promise<string> {
  const tenantId = await classTenant(tx, classId)
  await requireAdmin(tx, tenantId)
  return tenantId
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v))

/** A school's classes as RLS shows them (one when `classId` is given), with sizes and teachers; unsent. */
function summariesQuery(tx: Tx, tenantId: string | null, classId: string | null = null) {
  return tx<C.ClassSummary[]>`
    select c.id, c.name, c.grade_level, coalesce(private.class_size(c.id), 0) as student_count,
      (select count(*)::int from public.class_placements p where p.class_id = c.id) as pending_count,
      array(select coalesce(pr.display_name, '') from public.class_teachers t
            left join public.profiles pr on pr.id = t.user_id
            where t.class_id = c.id order by lower(coalesce(pr.display_name, ''))) as teacher_names,
      c.created_at
    from public.classes c
    where (${tenantId}::uuid is null or c.tenant_id = ${tenantId}::uuid)
      and (${classId}::uuid is null or c.id = ${classId}::uuid)
    order by lower(c.name), c.id`
}

const toSummary = (r: C.ClassSummary): C.ClassSummary => ({
  ...r,
  teacher_names: [...r.teacher_names],
  created_at: iso(r.created_at),
})

/** The students or the teachers of a class, by name; unsent. */
function peopleQuery(tx: Tx, table: 'class_members' | 'class_teachers', classId: string) {
  return tx<C.ClassPerson[]>`
    select x.user_id, coalesce(p.display_name, '') as display_name
    from ${tx(`public.${table}`)} x left join public.profiles p on p.id = x.user_id
    where x.class_id = ${classId}
    order by lower(coalesce(p.display_name, '')), x.user_id`
}

/** The queries of a class's detail, unsent: its summary, people, pending placements, courses and the caller's rights. */
function classQueries(tx: Tx, classId: string) {
  return [
    summariesQuery(tx, null, classId),
    peopleQuery(tx, 'class_members', classId),
    peopleQuery(tx, 'class_teachers', classId),
    tx<C.PendingPlacement[]>`
      select email, display_name from public.class_placements where class_id = ${classId} order by email`,
    tx<C.ClassCourse[]>`
      select co.id, co.title, count(*)::int as enrolled
      from public.class_members m
      join public.enrolments e on e.user_id = m.user_id
      join public.courses co on co.id = e.course_id and co.tenant_id = m.tenant_id
      where m.class_id = ${classId}
      group by co.id, co.title
      order by lower(co.title), co.id`,
    tx<{ manage: boolean; teaches: boolean }[]>`
      select private.has_role(c.tenant_id, private.admin_roles()) as manage, private.teaches_class(c.id) as teaches
      from public.classes c where c.id = ${classId}`,
  ] as const
}

/** The answers of queries sent together, in order. */
type ClassAnswers = Answers<ReturnType<typeof classQueries>>

/** A class with its students, teachers and pending placements from classQueries's answers (404 when hidden). */
function classDetail([
  summaries,
  students,
  teachers,
  pending,
  courses,
  [rights],
]: ClassAnswers): C.ClassDetail {
  const [summary] = summaries
  if (!summary) throw classNotFound()
  return {
    ...toSummary(summary),
    students: [...students],
    teachers: [...teachers],
    pending: [...pending],
    courses: [...courses],
    can_manage: Boolean(rights?.manage),
    can_enrol: Boolean(rights?.manage || rights?.teaches),
  }
}

/** A class as the caller may see it, after a change in the same transaction. */
async function readClass(tx: Tx, classId: string): Promise<C.ClassDetail> {
  return classDetail(await Promise.all(classQueries(tx, classId)))
}

/** Classes: list and create per school; read, change, delete, people and enrolment per class. */
export function classRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [roleRows, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        summariesQuery(tx, tenantId),
      ])
      tenantRoleIn(roleRows)
      return c.json(rows.map(toSummary), 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const detail = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        const [row] = await tx<{ id: string }[]>`
          insert into public.classes (tenant_id, name, grade_level)
          values (${tenantId}, ${body.name}, ${body.grade_level || null}) returning id`
        return readClass(tx, row?.id as string)
      }).catch(nameTaken)
      return c.json(detail, 201)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      const detail = classDetail(await withUserRead(sql, c.var.claims, (tx) => classQueries(tx, classId)))
      return c.json(detail, 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      const body = c.req.valid('json')
      const detail = await withUser(sql, c.var.claims, async (tx) => {
        await requireClassAdmin(tx, classId)
        const grade = body.grade_level === undefined ? undefined : body.grade_level || null
        await tx`
          update public.classes set
            name = coalesce(${body.name ?? null}, name),
            grade_level = case when ${grade === undefined} then grade_level else ${grade ?? null} end
          where id = ${classId}`
        return readClass(tx, classId)
      }).catch(nameTaken)
      return c.json(detail, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await requireClassAdmin(tx, classId)
        await tx`delete from public.classes where id = ${classId}`
      })
      return c.body(null, 204)
    })
    .openapi({ ...addStudents, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      const { user_ids } = c.req.valid('json')
      const detail = await withUser(sql, c.var.claims, async (tx) => {
        const tenantId = await requireClassAdmin(tx, classId)
        await tx`
          insert into public.class_members (class_id, tenant_id, user_id)
          select ${classId}, ${tenantId}, u from unnest(${user_ids}::uuid[]) as u
          on conflict (tenant_id, user_id) do update set class_id = excluded.class_id, added_by = excluded.added_by
          where public.class_members.class_id <> excluded.class_id`
        return readClass(tx, classId)
      })
      return c.json(detail, 200)
    })
    .openapi({ ...removeStudent, middleware: auth }, async (c) => {
      const { classId, userId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await requireClassAdmin(tx, classId)
        const gone =
          await tx`delete from public.class_members where class_id = ${classId} and user_id = ${userId} returning 1`
        if (!gone.length) throw notFound('class_member_not_found', 'That person is not in this class.')
      })
      return c.body(null, 204)
    })
    .openapi({ ...addTeachers, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      const { user_ids } = c.req.valid('json')
      const detail = await withUser(sql, c.var.claims, async (tx) => {
        const tenantId = await requireClassAdmin(tx, classId)
        await tx`
          insert into public.class_teachers (class_id, tenant_id, user_id)
          select ${classId}, ${tenantId}, u from unnest(${user_ids}::uuid[]) as u
          on conflict (class_id, user_id) do nothing`
        return readClass(tx, classId)
      })
      return c.json(detail, 200)
    })
    .openapi({ ...removeTeacher, middleware: auth }, async (c) => {
      const { classId, userId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await requireClassAdmin(tx, classId)
        const gone =
          await tx`delete from public.class_teachers where class_id = ${classId} and user_id = ${userId} returning 1`
        if (!gone.length) throw notFound('class_member_not_found', 'That person is not in this class.')
      })
      return c.body(null, 204)
    })
    .openapi({ ...enrol, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      const { course_id } = c.req.valid('json')
      const result = await withUser(sql, c.var.claims, async (tx) => {
        const [row] = await tx<
          C.ClassEnrolment[]
        >`select enrolled, already from public.enrol_class(${classId}, ${course_id})`
        return row as C.ClassEnrolment
      })
      return c.json(result, 200)
    })
    .openapi({ ...book, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      const { session_id } = c.req.valid('json')
      const result = await withUser(sql, c.var.claims, async (tx) => {
        const [row] = await tx<
          C.ClassBooking[]
        >`select booked, already from public.book_class(${classId}, ${session_id})`
        return row as C.ClassBooking
      })
      return c.json(result, 200)
    })
}
