import type { Certificate } from '../../contract/certificates.ts'
import * as R from '../../contract/routes/certificates.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, courseRightsOf, courseRightsQuery } from '../courses/access.ts'
import { requireTeacherOf, teacherQuery } from '../quizzes/queries.ts'
import { certificateColumns, certificateIn, certificateQuery, readCertificate } from './queries.ts'
import './schemas.ts'

const tags = ['certificates']

const issue = apiRoute(R.issueCertificate, {
  tags,
  summary: 'Get your certificate for a course you completed (enrolled students)',
  description:
    'Issued once: asking again gives the same certificate (200). Not complete yet: 409 ' +
    '`course_not_complete` with `details.percent`; the course gives none: 409 `certificates_off`; ' +
    'revoked: 409 `certificate_revoked`. The names are copied as they are that day.',
  responses: { 200: 'The certificate you already had.', 201: 'The new certificate.' },
  errors: [400, 401, 403, 404, 409, 422],
})
const courseList = apiRoute(R.listCourseCertificates, {
  tags,
  summary: "A course's certificates, newest first (the course's teachers)",
  responses: { 200: 'The certificates, revoked ones included.' },
  errors: [400, 401, 403, 404],
})
const mine = apiRoute(R.listMyCertificates, {
  tags,
  summary: "Your certificates from a school, and your linked children's",
  responses: { 200: 'The certificates, newest first.' },
  errors: [400, 401, 404],
})
const get = apiRoute(R.getCertificate, {
  tags,
  summary: "One certificate (the student, their parents, the course's teachers, the school's admins)",
  responses: { 200: 'The certificate.' },
  errors: [400, 401, 404],
})
const revoke = apiRoute(R.revokeCertificate, {
  tags,
  summary: "Revoke a certificate, with the reason (the course's editors, the school's owners and admins)",
  description:
    'Audited. Verification then says it was revoked and when; the student cannot get it again. ' +
    'Already revoked: 409 `certificate_revoked`.',
  responses: { 200: 'The certificate, revoked.' },
  errors: [400, 401, 403, 404, 409],
})

/** Certificates of a school the caller holds or follows (their own, their linked children's); unsent. */
function readMine(tx: Tx, siteUrl: string, tenant: string) {
  return tx<Certificate[]>`select ${certificateColumns(tx, siteUrl)} from public.certificates c
    where c.tenant_id = ${tenant}
      and (c.user_id = (select auth.uid()) or private.is_guardian(c.tenant_id, c.user_id))
    order by c.issued_at desc, c.id`
}

/** POST /courses/:id/certificate, GET /courses/:id/certificates, /tenants/:id/certificates, /certificates/:id(+/revoke). */
export function certificateRoutes({ sql, auth, siteUrl }: ApiDeps) {
  return newRouter()
    .openapi({ ...issue, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { certificate, created } = await withUser(sql, c.var.claims, async (tx) => {
        const rights = await courseRights(tx, id)
        if (!rights.enrolled)
          throw forbidden('enrol_required', 'Enrol in this course to earn its certificate.')
        const [had] = await tx<{ id: string }[]>`select c.id from public.certificates c
          where c.course_id = ${id} and c.user_id = ${c.var.claims.sub}`
        const [row] = await tx<{ id: string }[]>`select id from private.issue_certificate(${id})`
        return { certificate: await readCertificate(tx, siteUrl, row?.id as string), created: !had }
      })
      return created ? c.json(certificate, 201) : c.json(certificate, 200)
    })
    .openapi({ ...courseList, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rights, teacher, items] = await withUserRead(sql, c.var.claims, (tx) => [
        courseRightsQuery(tx, id),
        teacherQuery(tx, id),
        tx<Certificate[]>`select ${certificateColumns(tx, siteUrl)} from public.certificates c
          where c.course_id = ${id} order by c.issued_at desc, c.id`,
      ])
      courseRightsOf(rights)
      requireTeacherOf(teacher, 'see its certificates')
      return c.json({ items }, 200)
    })
    .openapi({ ...mine, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [[member], items] = await withUserRead(sql, c.var.claims, (tx) => [
        tx<{ ok: boolean }[]>`select private.is_member(${id}) as ok`,
        readMine(tx, siteUrl, id),
      ])
      if (!member?.ok) throw notFound('school_not_found', 'No such school, or you are not a member of it.')
      return c.json({ items }, 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [certificateQuery(tx, siteUrl, id)])
      return c.json(certificateIn(rows), 200)
    })
    .openapi({ ...revoke, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      const certificate = await withUser(sql, c.var.claims, async (tx) => {
        // revoke_certificate decides: 404 unseen, 403 not a manager, 409 already revoked.
        await tx`select 1 from private.revoke_certificate(${id}, ${reason})`
        return readCertificate(tx, siteUrl, id)
      })
      return c.json(certificate, 200)
    })
}
