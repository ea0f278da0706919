import * as R from '../../contract/routes/certificates.ts'
import { withUserRead } from '../../lib/db.ts'
import { conflict } from '../../lib/errors.ts'
import { apiRoute, pdfAnswer } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { renderCertificatePdf } from './pdf.ts'
import { certificateIn, certificateQuery } from './queries.ts'
import './schemas.ts'

const route = apiRoute(R.certificatePdf, {
  tags: ['certificates'],
  summary: 'A certificate as a PDF to print or share (whoever may read the certificate)',
  description:
    'A4 landscape: the school, "Certificate of completion", the student, the course, the date (the ' +
    "school's day), the verification code and the verification page's address. A revoked certificate: 409.",
  responses: { 200: 'The PDF.' },
  errors: [400, 401, 404, 409],
})
// The contract route has no JSON answer; the document shows the PDF.
const pdf = {
  ...route,
  responses: { ...route.responses, 200: pdfAnswer('The certificate, application/pdf.') },
}

/** GET /certificates/:id/pdf. */
export function downloadRoutes({ sql, auth, siteUrl }: ApiDeps) {
  return newRouter().openapi({ ...pdf, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const [rows, [school]] = await withUserRead(sql, c.var.claims, (tx) => [
      certificateQuery(tx, siteUrl, id),
      // The school's day; a student who has left the school no longer sees it: Nairobi's.
      tx<{ time_zone: string }[]>`
        select t.time_zone from public.certificates c join public.tenants t on t.id = c.tenant_id
        where c.id = ${id}`,
    ])
    const certificate = certificateIn(rows)
    const timeZone = school?.time_zone ?? 'Africa/Nairobi'
    if (certificate.revoked_at) {
      throw conflict('certificate_revoked', 'This certificate was revoked: it can no longer be downloaded.')
    }
    const bytes = await renderCertificatePdf({
      ...certificate,
      issued_at: new Date(certificate.issued_at),
      time_zone: timeZone,
    })
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="certificate-${certificate.code}.pdf"`,
      'cache-control': 'private, no-store',
    })
  })
}
