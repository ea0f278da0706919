import { z } from 'zod'
import * as C from '../certificates.ts'
import { CERTIFICATE_LIMITS } from '../certificates-values.ts'
import { Uuid } from '../tenancy.ts'
import { CourseParams } from './courses.ts'
import { route } from './route.ts'
import { TenantParams } from './tenancy.ts'

// Course completion and certificates: progress by the course's rules, the rules themselves,
// issuing, reading, downloading and revoking certificates, and the public verification.

export const CertificateParams = z.object({ id: Uuid })
export const VerifyParams = z.object({
  code: z.string().trim().min(1, 'Enter a code.').max(CERTIFICATE_LIMITS.typedCode, 'That is not a code.'),
})

export const courseProgress = route({
  method: 'get',
  path: '/courses/{id}/progress',
  params: CourseParams,
  query: C.ProgressQuery,
  responses: { 200: C.CourseProgress },
})

export const getCompletionRules = route({
  method: 'get',
  path: '/courses/{id}/completion-rules',
  params: CourseParams,
  responses: { 200: C.CourseCompletionRules },
})

export const putCompletionRules = route({
  method: 'put',
  path: '/courses/{id}/completion-rules',
  params: CourseParams,
  body: C.PutCompletionRulesBody,
  responses: { 200: C.CourseCompletionRules },
})

export const issueCertificate = route({
  method: 'post',
  path: '/courses/{id}/certificate',
  params: CourseParams,
  responses: { 200: C.Certificate, 201: C.Certificate },
})

export const listCourseCertificates = route({
  method: 'get',
  path: '/courses/{id}/certificates',
  params: CourseParams,
  responses: { 200: C.CertificateList },
})

export const listMyCertificates = route({
  method: 'get',
  path: '/tenants/{id}/certificates',
  params: TenantParams,
  responses: { 200: C.CertificateList },
})

export const getCertificate = route({
  method: 'get',
  path: '/certificates/{id}',
  params: CertificateParams,
  responses: { 200: C.Certificate },
})

/** The certificate as an A4 PDF (`application/pdf`: no JSON body). */
export const certificatePdf = route({
  method: 'get',
  path: '/certificates/{id}/pdf',
  params: CertificateParams,
  responses: { 200: null },
})

export const revokeCertificate = route({
  method: 'post',
  path: '/certificates/{id}/revoke',
  params: CertificateParams,
  body: C.RevokeCertificateBody,
  responses: { 200: C.Certificate },
})

export const verifyCertificate = route({
  method: 'get',
  path: '/verify/{code}',
  params: VerifyParams,
  responses: { 200: C.VerifiedCertificate },
})
