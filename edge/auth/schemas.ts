// Request shapes of the GoTrue endpoints. Unlike our own API these are z.object, not z.strictObject:
// GoTrue ignores fields it does not know, and supabase-js sends some we do not use
// (gotrue_meta_security, code_challenge, ...). An ignored field is never read, so it cannot write.
import { z } from 'zod'
import { PhoneNumber } from '../contract/phone-number.ts'
import { Email } from '../contract/tenancy.ts'

const Metadata = z.record(z.string(), z.unknown())
/** A password as typed; the policy is checked separately so that the answer is GoTrue's weak_password. */
const PasswordInput = z.string().max(1000)
/** Query values supabase-js sends empty when unset (`?page=&per_page=`). */
const emptyAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema)

export const SignupBody = z.object({ email: Email, password: PasswordInput, data: Metadata.optional() })

export const PasswordGrantBody = z.object({ email: Email, password: PasswordInput })

export const RefreshGrantBody = z.object({ refresh_token: z.string().min(1).max(255) })

export const GrantQuery = z.object({ grant_type: z.enum(['password', 'refresh_token']) })

/** PUT /user. `app_metadata` is deliberately absent: a user can never change their own. */
export const UpdateUserBody = z.object({
  email: Email.optional(),
  password: PasswordInput.optional(),
  data: Metadata.optional(),
  /** A new number: a code goes to it (phone.ts). Empty is ignored, as GoTrue ignores it. */
  phone: emptyAsUnset(PhoneNumber.optional()),
})

export const LogoutQuery = z.object({ scope: z.enum(['global', 'local', 'others']).default('global') })

export const RecoverBody = z.object({ email: Email })

export const RedirectQuery = z.object({ redirect_to: z.string().max(2048).optional() })

const VerifyType = z.enum(['signup', 'invite', 'magiclink', 'recovery', 'email', 'email_change'])

/** GET /verify: the link in an email. */
export const VerifyLinkQuery = z.object({
  token: z.string().min(1).max(512),
  type: VerifyType,
  redirect_to: z.string().max(2048).optional(),
})

/** POST /verify: supabase-js verifyOtp with `token_hash`, or with `email` and the code as `token`. */
export const VerifyBody = z
  .object({
    type: VerifyType,
    token_hash: z.string().min(1).max(512).optional(),
    token: z.string().min(1).max(32).optional(),
    email: Email.optional(),
    redirect_to: z.string().max(2048).optional(),
  })
  .refine((b) => b.token_hash || (b.token && b.email), {
    message: 'Send token_hash, or email and token.',
  })

export const AdminUserBody = z.object({
  email: Email.optional(),
  password: PasswordInput.optional(),
  email_confirm: z.boolean().optional(),
  user_metadata: Metadata.optional(),
  app_metadata: Metadata.optional(),
  /** Go duration in hours, minutes or seconds ("24h", "90m"), or "none" to lift a ban. */
  ban_duration: z
    .string()
    .regex(/^(none|\d{1,7}(h|m|s))$/, 'Use a duration such as 24h, 90m or none.')
    .optional(),
})
export const AdminCreateUserBody = AdminUserBody.extend({ email: Email })

export const AdminDeleteUserBody = z.object({ should_soft_delete: z.boolean().optional() })

export const AdminListQuery = z.object({
  page: emptyAsUnset(z.coerce.number().int().min(1).max(100_000).default(1)),
  per_page: emptyAsUnset(z.coerce.number().int().min(1).max(1000).default(50)),
})

export const UserIdParam = z.uuid()

export const GenerateLinkBody = z.object({
  type: z.enum(['signup', 'invite', 'magiclink', 'recovery']),
  email: Email,
  password: PasswordInput.optional(),
  data: Metadata.optional(),
  redirect_to: z.string().max(2048).optional(),
})

export const InviteBody = z.object({ email: Email, data: Metadata.optional() })

export const MailboxQuery = z.object({ to: z.string().max(254).optional() })
