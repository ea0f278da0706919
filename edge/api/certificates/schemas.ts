import * as C from '../../contract/certificates.ts'
import * as R from '../../contract/routes/certificates.ts'
import { named, pathParams } from '../core/openapi.ts'
import '../courses/schemas.ts'
import '../tenancy/schemas.ts'

// The certificates contract's schemas as the OpenAPI document shows them (components/schemas/<Name>).
// apiRoute() looks these forms up when a route is built, so every routes file of the feature
// imports this module (`import './schemas.ts'`) before building its routes.

named(C.CompletionRules, 'CompletionRules')
named(C.CourseCompletionRules, 'CourseCompletionRules')
named(C.PutCompletionRulesBody, 'PutCompletionRules')
named(C.Certificate, 'Certificate')
named(C.CertificateList, 'CertificateList')
named(C.RevokeCertificateBody, 'RevokeCertificate')
named(C.CourseProgress, 'CourseProgress')
named(C.VerifiedCertificate, 'VerifiedCertificate')

pathParams(R.CertificateParams, {
  id: { description: 'The certificate id.', example: '10000000-0000-4000-a000-000000000001' },
})
pathParams(R.VerifyParams, {
  code: {
    description: 'The certificate code, in any case, with or without dashes.',
    example: 'ABCD-EFGH-JKLM',
  },
})
