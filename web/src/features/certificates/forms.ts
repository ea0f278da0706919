import type { PutCompletionRulesBody } from '../../../../edge/contract/certificates.ts'
import { CERTIFICATE_LIMITS } from '../../../../edge/contract/certificates-values.ts'
import { checked, type Validated } from '../../lib/forms.ts'

// The checks of the certificate forms (the API makes the same ones): the completion rules and a
// reason for revoking. Messages come from the caller, in the reader's language.

/** The rules as the form holds them: the pass mark as typed. */
export interface RulesForm {
  pass_percent: string
  require_all_lessons: boolean
  issue_certificates: boolean
}

/** The rules body, or the pass mark's error: a whole number from 0 to 100. */
export function checkRules(form: RulesForm, invalid: string): Validated<PutCompletionRulesBody> {
  const text = form.pass_percent.trim()
  const value = Number(text)
  const ok = /^\d{1,3}$/.test(text) && value >= 0 && value <= 100
  return checked(ok ? {} : { pass_percent: invalid }, {
    pass_percent: value,
    require_all_lessons: form.require_all_lessons,
    issue_certificates: form.issue_certificates,
  })
}

/** The trimmed reason, or its error: required, at most CERTIFICATE_LIMITS.reason characters. */
export function checkReason(
  reason: string,
  say: { required: string; long: string },
): Validated<{ reason: string }> {
  const value = reason.trim()
  const error = !value ? say.required : value.length > CERTIFICATE_LIMITS.reason ? say.long : undefined
  return checked(error ? { reason: error } : {}, { reason: value })
}
