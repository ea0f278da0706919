// Pupils without email: accounts a school makes from its class list, signing in with the school's
// code and an admission number (supabase/migrations/20261208040000_pupil_accounts.sql).
import { z } from 'zod'
import { ADMISSION_PATTERN, MAX_NEW_PUPILS } from './pupils-values.ts'

export const AdmissionNo = z
  .string()
  .trim()
  .min(1, 'Give the admission number.')
  .max(20, 'Use at most 20 characters.')
  .regex(ADMISSION_PATTERN, 'Use letters and digits, groups joined by / or -.')

export const NewPupil = z.strictObject({
  name: z.string().trim().min(1, 'Give the pupil’s name.').max(100, 'Use at most 100 characters.'),
  admission_no: AdmissionNo,
})
export type NewPupil = z.infer<typeof NewPupil>

export const CreatePupilAccountsBody = z.strictObject({
  pupils: z
    .array(NewPupil)
    .min(1, 'List at least one pupil.')
    .max(MAX_NEW_PUPILS, `Make at most ${MAX_NEW_PUPILS} accounts at a time.`)
    .superRefine((pupils, ctx) => {
      const seen = new Set<string>()
      pupils.forEach((p, i) => {
        const key = p.admission_no.toLowerCase()
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'admission_no'],
            message: 'This admission number is listed twice.',
          })
        }
        seen.add(key)
      })
    }),
})
export type CreatePupilAccountsBody = z.infer<typeof CreatePupilAccountsBody>

/** A pupil account of a class, for its admins and class teachers. */
export const PupilAccount = z.object({
  user_id: z.uuid(),
  display_name: z.string(),
  admission_no: z.string(),
  /** Still has the first password (never signed in and changed it). */
  must_change_password: z.boolean(),
  last_sign_in_at: z.string().nullable(),
  created_at: z.string(),
})
export type PupilAccount = z.infer<typeof PupilAccount>

export const ClassPupilAccounts = z.object({
  school_code: z.string(),
  accounts: z.array(PupilAccount),
})
export type ClassPupilAccounts = z.infer<typeof ClassPupilAccounts>

/** A pupil with a first password: in this one answer only, for the class sheet. */
export const PupilCredentials = z.object({
  user_id: z.uuid(),
  display_name: z.string(),
  admission_no: z.string(),
  password: z.string(),
})
export type PupilCredentials = z.infer<typeof PupilCredentials>

/** What the class sheet prints: the school, the class, and each pupil's sign-in. */
export const PupilSheet = z.object({
  school_name: z.string(),
  school_code: z.string(),
  class_name: z.string(),
  pupils: z.array(PupilCredentials),
})
export type PupilSheet = z.infer<typeof PupilSheet>
