import { z } from 'zod'

/** The password policy, shared by local auth, the sign-up form and supabase/config.toml. */
export const PASSWORD_POLICY = { minLength: 8, maxLength: 72 } as const

export interface PasswordCheck {
  id: 'length' | 'letter' | 'digit' | 'max'
  label: string
  ok: boolean
}

/** Each rule of the policy and whether the password meets it (the form shows them as you type). */
export function checkPassword(password: string): PasswordCheck[] {
  const bytes = new TextEncoder().encode(password).length
  return [
    {
      id: 'length',
      label: `At least ${PASSWORD_POLICY.minLength} characters`,
      ok: password.length >= PASSWORD_POLICY.minLength,
    },
    { id: 'letter', label: 'A letter', ok: /\p{L}/u.test(password) },
    { id: 'digit', label: 'A digit', ok: /\d/.test(password) },
    {
      id: 'max',
      label: `At most ${PASSWORD_POLICY.maxLength} bytes`,
      ok: bytes <= PASSWORD_POLICY.maxLength,
    },
  ]
}

export const Password = z.string().superRefine((p, ctx) => {
  for (const rule of checkPassword(p)) {
    if (!rule.ok) {
      // params.rule lets the web say it in the reader's language (web/src/api/messages.ts issue.password.*).
      ctx.addIssue({
        code: 'custom',
        message: `Password needs: ${rule.label.toLowerCase()}.`,
        params: { rule: rule.id },
      })
    }
  }
})
