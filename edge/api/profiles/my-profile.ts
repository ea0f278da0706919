import {
  DEFAULT_VISIBILITY,
  type MyProfile,
  PROFILE_FIELDS,
  type UpdateProfileBody,
  type Visibility,
} from '../../contract/profiles.ts'
import * as R from '../../contract/routes/profiles.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { fieldError } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

// My own profile details (public.profile_details, my row under RLS). Name and picture are set
// through Auth's updateUser (user metadata), the language too (`locale`); here only who sees it.

const tags = ['me']

const read = apiRoute(R.getMyProfile, {
  tags,
  summary: 'Your profile details and who sees each field',
  description:
    'Empty details and the default visibilities until you save some. `student_private` is set when ' +
    'you are a student in every school you belong to: every field is then shown to staff only.',
  responses: { 200: 'Your details, with a visibility for each field.' },
  errors: [401],
})

const update = apiRoute(R.updateMyProfile, {
  tags,
  summary: 'Change your profile details or who sees them',
  description:
    'Only the fields sent change; `null` clears one. `visibility` sets `school` (every member of your ' +
    'schools) or `staff` (their owners, admins, instructors and staff) per field. A student cannot ' +
    'show a field to the whole school (422 `profile_student_private`, with the field paths).',
  responses: { 200: 'Your details as now saved.' },
  errors: [400, 401, 422],
})

type Row = Omit<MyProfile, 'visibility' | 'student_private' | 'updated_at'> & {
  visibility: Partial<Record<string, Visibility>> | null
  student_private: boolean
  updated_at: Date | null
}

/** My details (defaults when I never saved any) and whether I am only ever a student; unsent. */
const mineQuery = (tx: Tx) => tx<Row[]>`
  select d.phone, coalesce(d.contacts, '[]') as contacts, d.county, d.city, d.country, d.bio, d.time_zone,
    d.headline, coalesce(d.qualifications, '[]') as qualifications, coalesce(d.experience, '[]') as experience,
    d.visibility, d.updated_at, private.only_a_student((select auth.uid())) as student_private
  from (select 1) one
  left join public.profile_details d on d.user_id = (select auth.uid())`

/** My profile from mineQuery's one row. */
function toMine([row]: readonly Row[]): MyProfile {
  const r = row as Row
  const visibility = Object.fromEntries(
    PROFILE_FIELDS.map((f) => [
      f,
      r.student_private ? 'staff' : (r.visibility?.[f] ?? DEFAULT_VISIBILITY[f]),
    ]),
  ) as MyProfile['visibility']
  return {
    phone: r.phone,
    contacts: r.contacts,
    county: r.county,
    city: r.city,
    country: r.country,
    bio: r.bio,
    time_zone: r.time_zone,
    headline: r.headline,
    qualifications: r.qualifications,
    experience: r.experience,
    visibility,
    student_private: r.student_private,
    updated_at: r.updated_at ? r.updated_at.toISOString() : null,
  }
}

/** My profile, after a change in the same transaction. */
async function readMine(tx: Tx): Promise<MyProfile> {
  return toMine(await mineQuery(tx))
}

/** 422 with a path per field a student tried to show the whole school (nothing is written). */
async function refuseStudentChoices(tx: Tx, choices: UpdateProfileBody['visibility']) {
  const shown = Object.entries(choices ?? {}).filter(([, v]) => v === 'school')
  if (shown.length === 0) return
  const [{ only }] = await tx<{ only: boolean }[]>`select private.only_a_student((select auth.uid())) as only`
  if (!only) return
  const message = "A student's profile details are shown to the school's staff only."
  throw fieldError(
    422,
    'profile_student_private',
    shown.map(([field]) => ({ path: `visibility.${field}`, message, code: 'profile_student_private' })),
  )
}

/** GET, PATCH /me/profile. */
export function myProfileRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...read, middleware: auth }, async (c) => {
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [mineQuery(tx)])
      return c.json(toMine(rows), 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { visibility, ...fields } = c.req.valid('json')
      const mine = await withUser(sql, c.var.claims, async (tx) => {
        await refuseStudentChoices(tx, visibility)
        await tx`insert into public.profile_details (user_id) values ((select auth.uid())) on conflict do nothing`
        const changes: Record<string, ReturnType<Tx['json']> | string | null> = {}
        for (const [key, value] of Object.entries(fields)) {
          if (value === undefined) continue
          changes[key] = Array.isArray(value) ? tx.json(value as never) : value
        }
        const keys = Object.keys(changes)
        if (keys.length > 0)
          await tx`update public.profile_details set ${tx(changes, keys)} where user_id = (select auth.uid())`
        if (visibility)
          await tx`update public.profile_details set visibility = visibility || ${tx.json(visibility)}::jsonb
            where user_id = (select auth.uid())`
        return readMine(tx)
      })
      return c.json(mine, 200)
    })
}
