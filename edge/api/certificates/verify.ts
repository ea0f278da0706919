import {
  CERTIFICATE_CODE_ALPHABET,
  CERTIFICATE_CODE_LENGTH,
  normaliseCertificateCode,
  type VerifiedCertificate,
} from '../../contract/certificates.ts'
import * as R from '../../contract/routes/certificates.ts'
import { withAnon } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { clientIp } from '../../lib/http.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

const route = apiRoute(R.verifyCertificate, {
  tags: ['certificates'],
  summary: 'Check a certificate by its code (no sign-in needed)',
  description:
    'The student, course and school names as issued, the date, and whether it was revoked and when: ' +
    'nothing else. The code is read in any case, with or without dashes. 30 checks a minute per address.',
  public: true,
  responses: { 200: 'The certificate.' },
  errors: [400, 404, 429],
})

const SHAPE = new RegExp(`^[${CERTIFICATE_CODE_ALPHABET}]{${CERTIFICATE_CODE_LENGTH}}$`)

const unknown = () => notFound('certificate_not_found', 'No certificate has this code.')

/** GET /verify/:code. */
export function verifyRoutes({ sql }: ApiDeps) {
  // 60-bit codes cannot be guessed; the limit keeps scanners off the database.
  const checks = createRateLimiter({ limit: 30, windowMs: 60_000 })
  return newRouter().openapi(route, async (c) => {
    checks.hit(clientIp(c))
    const code = normaliseCertificateCode(c.req.valid('param').code)
    if (!SHAPE.test(code)) throw unknown()
    const [row] = await withAnon(
      sql,
      (tx) => tx<Omit<VerifiedCertificate, 'code'>[]>`select * from public.verify_certificate(${code})`,
    )
    if (!row) throw unknown()
    c.header('cache-control', 'no-store')
    return c.json({ code, ...row }, 200)
  })
}
