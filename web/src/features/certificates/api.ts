import { query } from '@solidjs/router'
import type { PutCompletionRulesBody } from '../../../../edge/contract/certificates.ts'
import { downloadFile } from '../../api/download.ts'
import { ApiError } from '../../api/errors.ts'
import { api } from '../../lib/runtime.ts'
import { certificateFileName, type VerifyOutcome } from './certificates.ts'

// Certificates' calls to the api function (edge/contract/routes/certificates.ts): loaders (router
// queries) and actions. The PDF is made by the API; the browser only downloads it.

/** Your progress through a course by its completion rules, with your certificate if any. */
export const getProgress = query(
  (courseId: string) => api().get('/courses/:id/progress', { params: { id: courseId } }),
  'courseProgress',
)

/** Your certificates from a school, and your linked children's. */
export const getMyCertificates = query(
  (tenantId: string) => api().get('/tenants/:id/certificates', { params: { id: tenantId } }),
  'myCertificates',
)

/** A course's certificates (its teachers). */
export const getCourseCertificates = query(
  (courseId: string) => api().get('/courses/:id/certificates', { params: { id: courseId } }),
  'courseCertificates',
)

/** A course's completion rules (its teachers; `can_edit` for its editors). */
export const getCompletionRules = query(
  (courseId: string) => api().get('/courses/:id/completion-rules', { params: { id: courseId } }),
  'completionRules',
)

/** A certificate by its code, for anyone: found (valid or revoked) or not found. */
export const verifyCertificate = query(async (code: string): Promise<VerifyOutcome> => {
  try {
    return { state: 'found', certificate: await api().get('/verify/:code', { params: { code } }) }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { state: 'not_found' }
    throw error
  }
}, 'verifyCertificate')

/** Issues your certificate for a course you completed (the same one when you already have it). */
export const issueCertificate = (courseId: string) =>
  api().post('/courses/:id/certificate', {}, { params: { id: courseId } })

export const putCompletionRules = (courseId: string, body: PutCompletionRulesBody) =>
  api().put('/courses/:id/completion-rules', body, { params: { id: courseId } })

export const revokeCertificate = (id: string, reason: string) =>
  api().post('/certificates/:id/revoke', { reason }, { params: { id } })

/**
 * Downloads a certificate's PDF: fetched with the signed-in person's token (a plain link could not
 * carry it), then saved under its own name.
 */
export async function downloadCertificate(certificate: { id: string; code: string }): Promise<void> {
  await downloadFile(
    `/certificates/${encodeURIComponent(certificate.id)}/pdf`,
    certificateFileName(certificate.code),
  )
}
