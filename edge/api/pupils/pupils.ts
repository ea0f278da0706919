import * as P from '../../contract/pupils.ts'
import * as R from '../../contract/routes/pupils.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { hashPassword } from '../../lib/passwords.ts'
import { apiRoute, named, pathParams } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { firstPassword } from './first-passwords.ts'

// Pupils without email (20261208040000_pupil_accounts.sql): the school makes accounts for a class's
// pupils, who sign in with the school's code and their admission number. Postgres decides who may
// (public.create_pupil_accounts, public.reset_pupil_password, public.class_pupil_accounts); this
// file makes the first passwords, sends only their hashes, and answers each password once.

named(P.ClassPupilAccounts, 'ClassPupilAccounts')
named(P.PupilAccount, 'PupilAccount')
named(P.CreatePupilAccountsBody, 'CreatePupilAccounts')
named(P.PupilSheet, 'PupilSheet')
const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.PupilClassParams, { classId: uuid('The class id.') })
pathParams(R.PupilParams, { classId: uuid('The class id.'), userId: uuid("The pupil's user id.") })

const tags = ['pupils']

const list = apiRoute(R.listPupilAccounts, {
  tags,
  summary: 'The pupil accounts of a class (owners, admins and the class’s teachers)',
  description:
    'Pupils who sign in with the school code and their admission number, with the school code and ' +
    'whether each still has the first password. Never a password.',
  responses: { 200: 'By name.' },
  errors: [400, 401, 403, 404],
})
const create = apiRoute(R.createPupilAccounts, {
  tags,
  summary: 'Make accounts without email for pupils of a class (owners, admins and the class’s teachers)',
  description:
    'Each pupil becomes a student of the school in this class, signing in with the school code, the ' +
    'admission number and a first password made here ("twiga-mvua-407"), which they change at the ' +
    'first sign-in. The passwords are in this answer only (for the class sheet). Admission numbers are ' +
    'unique per school in any case (409 `admission_taken`); student seats as for invitations (409 ' +
    '`seats_full`). Audited.',
  responses: { 201: 'The class sheet: school, class, and each pupil’s first password.' },
  errors: [400, 401, 403, 404, 409],
})
const reset = apiRoute(R.resetPupilPassword, {
  tags,
  summary: 'Give a pupil of the class a new first password (owners, admins and the class’s teachers)',
  description:
    'For accounts the school made (404 `pupil_not_found` otherwise). The pupil must choose a new ' +
    'password at the next sign-in; their sessions end. The password is in this answer only. Audited.',
  responses: { 200: 'A class sheet with this pupil only.' },
  errors: [400, 401, 403, 404],
})

interface ClassFacts {
  class_name: string
  school_name: string
  school_code: string
  manages: boolean
}

/** The class, its school and whether the caller manages its pupils; unsent (classFactsIn reads it). */
const classFactsQuery = (tx: Tx, classId: string) => tx<ClassFacts[]>`
  select c.name as class_name, t.name as school_name, t.code as school_code,
    private.manages_class_pupils(c.id) as manages
  from public.classes c join public.tenants t on t.id = c.tenant_id
  where c.id = ${classId}`

/** The facts of classFactsQuery's rows: 404 when the class is hidden, 403 unless the caller manages its pupils. */
function classFactsIn([row]: readonly ClassFacts[]): ClassFacts {
  if (!row) throw notFound('class_not_found', 'No such class in this school: it may have been deleted.')
  if (!row.manages) {
    throw forbidden(
      'pupil_accounts_forbidden',
      'Only admins and the class’s teachers can manage pupils’ sign-ins.',
    )
  }
  return row
}

/** The class's facts (classFactsIn): 404 or 403 before any hashing. */
async function classFacts(tx: Tx, classId: string): Promise<ClassFacts> {
  return classFactsIn(await classFactsQuery(tx, classId))
}

/**
 * The class's pupil accounts, unsent. public.class_pupil_accounts raises its own 404 and 403; it
 * runs only for a class RLS shows whose pupils the caller manages, so classFactsIn answers those.
 */
const accountsQuery = (tx: Tx, classId: string) => tx`
  select a.* from public.classes c cross join lateral public.class_pupil_accounts(c.id) a
  where c.id = ${classId} and private.manages_class_pupils(c.id)
  order by lower(a.display_name), a.user_id`

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v))

/** A class's pupil accounts; making them; a new first password. */
export function pupilRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      const [factRows, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        classFactsQuery(tx, classId),
        accountsQuery(tx, classId),
      ])
      const facts = classFactsIn(factRows)
      const answer = {
        school_code: facts.school_code,
        accounts: rows.map((r) => ({
          user_id: r.user_id as string,
          display_name: r.display_name as string,
          admission_no: r.admission_no as string,
          must_change_password: Boolean(r.must_change_password),
          last_sign_in_at: iso(r.last_sign_in_at),
          created_at: iso(r.created_at) as string,
        })),
      }
      return c.json(answer, 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { classId } = c.req.valid('param')
      const { pupils } = c.req.valid('json')
      const sheet = await withUser(sql, c.var.claims, async (tx) => {
        const facts = await classFacts(tx, classId)
        const passwords = pupils.map(() => firstPassword())
        const rows = []
        for (const [i, p] of pupils.entries()) {
          rows.push({ ...p, password_hash: await hashPassword(passwords[i] as string) })
        }
        const made = await tx<{ user_id: string; display_name: string; admission_no: string }[]>`
          select * from public.create_pupil_accounts(${classId}, ${tx.json(rows)})`
        return {
          school_name: facts.school_name,
          school_code: facts.school_code,
          class_name: facts.class_name,
          pupils: made.map((m, i) => ({ ...m, password: passwords[i] as string })),
        }
      })
      return c.json(sheet, 201)
    })
    .openapi({ ...reset, middleware: auth }, async (c) => {
      const { classId, userId } = c.req.valid('param')
      const sheet = await withUser(sql, c.var.claims, async (tx) => {
        const facts = await classFacts(tx, classId)
        const password = firstPassword()
        const hash = await hashPassword(password)
        const [pupil] = await tx<{ user_id: string; display_name: string; admission_no: string }[]>`
          select * from public.reset_pupil_password(${classId}, ${userId}, ${hash})`
        if (!pupil)
          throw notFound('pupil_not_found', 'That pupil has no account made by the school in this class.')
        return {
          school_name: facts.school_name,
          school_code: facts.school_code,
          class_name: facts.class_name,
          pupils: [{ ...pupil, password }],
        }
      })
      return c.json(sheet, 200)
    })
}
