// Pupils' sign-in names, without zod: the sign-in page and the app shell read them on the first screen.

/** An admission number as schools write them: letters and digits in groups joined by / or - (2024/045). */
export const ADMISSION_PATTERN = /^[A-Za-z0-9]+([/-][A-Za-z0-9]+)*$/
/** A school code: 4 to 8 letters and digits (schools get 6), in any case as typed. */
export const SCHOOL_CODE_PATTERN = /^[A-Za-z0-9]{4,8}$/

/**
 * The sign-in address of a pupil account: never delivered (RFC 2606 `.invalid`) and never shown.
 * The database computes the same (private.pupil_email); the sign-in page sends it to
 * signInWithPassword. Undefined when the code or number cannot be one.
 */
export function pupilLoginEmail(schoolCode: string, admissionNo: string): string | undefined {
  const code = schoolCode.trim()
  const admission = admissionNo.trim()
  if (!SCHOOL_CODE_PATTERN.test(code) || !ADMISSION_PATTERN.test(admission) || admission.length > 20) {
    return undefined
  }
  return `${admission.replaceAll('/', '.').toLowerCase()}@${code.toLowerCase()}.pupils.invalid`
}

/** True for the synthetic address of a pupil account (to show a name instead). */
export const isPupilLoginEmail = (email: string | null | undefined) => !!email?.endsWith('.pupils.invalid')

/** Most pupils one request makes accounts for (a big class; each first password is hashed). */
export const MAX_NEW_PUPILS = 100
