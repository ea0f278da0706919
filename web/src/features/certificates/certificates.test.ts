import { describe, expect, it } from 'vitest'
import type { Certificate, CourseProgress } from '../../../../edge/contract/certificates.ts'
import {
  barPercent,
  certificateFileName,
  certificateState,
  formatCertificateCode,
  foundCertificate,
  progressView,
  showsLessons,
  typedCode,
  verifyPath,
} from './certificates.ts'

const certificate: Certificate = {
  id: '10000000-0000-4000-a000-000000000001',
  code: 'ABCDEFGHJKLM',
  tenant_id: '10000000-0000-4000-a000-000000000002',
  course_id: '10000000-0000-4000-a000-000000000003',
  user_id: '10000000-0000-4000-a000-000000000004',
  student_name: 'Amani',
  course_title: 'Fractions',
  school_name: 'Mwangaza Academy',
  issued_at: '2026-12-06T10:00:00Z',
  revoked_at: null,
  revoked_reason: null,
  verify_url: 'https://kipindi.example/verify/ABCDEFGHJKLM',
  can_revoke: false,
}

const progress: CourseProgress = {
  course_id: certificate.course_id as string,
  student_id: certificate.user_id,
  lessons_published: 4,
  lessons_done: 2,
  assessments_total: 2,
  assessments_passed: 1,
  percent: 50,
  complete: false,
  rules: { pass_percent: 50, require_all_lessons: true, issue_certificates: true },
  certificate: null,
}

describe('the progress card', () => {
  it('goes from nothing to do, to in progress, to "Get certificate", to certified or revoked', () => {
    expect(progressView({ ...progress, lessons_published: 0, assessments_total: 0, percent: 0 })).toBe(
      'empty',
    )
    expect(progressView(progress)).toBe('in_progress')
    const done = { ...progress, percent: 100, complete: true }
    expect(progressView(done)).toBe('can_get')
    expect(progressView({ ...done, rules: { ...done.rules, issue_certificates: false } })).toBe('complete')
    expect(progressView({ ...done, certificate })).toBe('certified')
    const revoked = { ...certificate, revoked_at: '2026-12-07T10:00:00Z', revoked_reason: 'Copied' }
    expect(progressView({ ...done, certificate: revoked })).toBe('revoked')
    expect(certificateState(revoked)).toBe('revoked')
    expect(certificateState(certificate)).toBe('valid')
  })

  it('holds the bar between 0 and 100 and counts lessons only when they count', () => {
    expect([barPercent(-3), barPercent(66.6), barPercent(140)]).toEqual([0, 67, 100])
    expect(showsLessons(progress)).toBe(true)
    expect(showsLessons({ ...progress, rules: { ...progress.rules, require_all_lessons: false } })).toBe(
      false,
    )
    expect(showsLessons({ ...progress, lessons_published: 0 })).toBe(false)
  })
})

describe('certificate codes', () => {
  it('reads a typed code in any case, with dashes or spaces, and refuses what cannot be one', () => {
    expect(typedCode(' abcd-efgh jklm ')).toBe('ABCDEFGHJKLM')
    expect(typedCode('ABCDEFGHJKL')).toBeUndefined()
    // 0, O, 1 and I are not in the alphabet.
    expect(typedCode('ABCDEFGHJKL0')).toBeUndefined()
    expect(typedCode('ABCDEFGHJKLI')).toBeUndefined()
  })

  it('shows codes in groups of four, in the verification path and the file name', () => {
    expect(formatCertificateCode('ABCDEFGHJKLM')).toBe('ABCD-EFGH-JKLM')
    expect(verifyPath('abcdefghjklm')).toBe('/verify/ABCD-EFGH-JKLM')
    expect(certificateFileName('ABCDEFGHJKLM')).toBe('certificate-ABCD-EFGH-JKLM.pdf')
  })

  it('finds the certificate of a verification, or none', () => {
    const found = {
      code: 'ABCDEFGHJKLM',
      student_name: 'Amani',
      course_title: 'Fractions',
      school_name: 'Mwangaza Academy',
      issued_at: '2026-12-06T10:00:00Z',
      revoked: false,
      revoked_at: null,
    }
    expect(foundCertificate({ state: 'found', certificate: found })).toEqual(found)
    expect(foundCertificate({ state: 'not_found' })).toBeUndefined()
  })
})
