// Writes to auth.users and auth.identities, shaped as GoTrue writes them. Callers pass a transaction
// when a change has several steps, so that a failure leaves nothing half-made.
import { type Db, findUserById, type UserRow } from './users.ts'

const INSTANCE_ID = '00000000-0000-0000-0000-000000000000'

export interface NewUser {
  email: string
  passwordHash: string | null
  confirmed: boolean
  invited?: boolean
  userMetadata?: Record<string, unknown>
  appMetadata?: Record<string, unknown>
}

/** Creates a user with its `email` identity (as GoTrue does) and returns it. Run it in a transaction. */
export async function insertUser(tx: Db, u: NewUser): Promise<UserRow> {
  const appMeta = { ...u.appMetadata, provider: 'email', providers: ['email'] }
  const [{ id }] = await tx<{ id: string }[]>`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous, is_sso_user)
    values (${INSTANCE_ID}, gen_random_uuid(), 'authenticated', 'authenticated', ${u.email}, ${u.passwordHash ?? ''},
            ${u.confirmed ? tx`now()` : null}, ${u.invited ? tx`now()` : null},
            ${tx.json(appMeta as never)}, ${tx.json((u.userMetadata ?? {}) as never)}, now(), now(), false, false)
    returning id`
  await tx`
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
    values (${id}, ${id},
            ${tx.json({ sub: id, email: u.email, email_verified: u.confirmed, phone_verified: false })},
            'email', now(), now())`
  return (await findUserById(tx, id)) as UserRow
}

/**
 * GoTrue's metadata update: keys in `patch` replace the stored ones, a `null` value removes the key,
 * keys not mentioned stay.
 */
export function mergeMetadata(current: Record<string, unknown> | null, patch: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...current }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = v
  }
  return out
}

/** Marks the email confirmed (first time only) and the identity verified. */
export async function confirmEmail(tx: Db, userId: string): Promise<void> {
  await tx`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
           where id = ${userId}`
  await tx`update auth.identities
           set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
           where user_id = ${userId} and provider = 'email'`
}

/** Records a sign-in on the user and its email identity. */
export async function recordSignIn(tx: Db, userId: string): Promise<void> {
  await tx`update auth.users set last_sign_in_at = now() where id = ${userId}`
  await tx`update auth.identities set last_sign_in_at = now() where user_id = ${userId} and provider = 'email'`
}

/** Sets a new email on the user and its identity, ending any pending change (the profile follows by trigger). */
export async function setEmail(tx: Db, userId: string, email: string): Promise<void> {
  await tx`update auth.users
           set email = ${email}, email_change = '', email_change_token_new = '', email_change_token_current = '',
               email_change_sent_at = null, email_change_confirm_status = 0, updated_at = now()
           where id = ${userId}`
  await tx`update auth.identities
           set identity_data = identity_data || ${tx.json({ email })}, updated_at = now()
           where user_id = ${userId} and provider = 'email'`
}

/** Appends to the audit log (DESIGN §4): account changes made through local auth, from `ip` when known. */
export async function auditAuth(
  tx: Db,
  action: string,
  userId: string,
  actorId: string | null,
  details: Record<string, unknown> = {},
  ip: string | null = null,
): Promise<void> {
  await tx`insert into public.audit_log (tenant_id, actor_id, action, target_type, target_id, details, ip)
           values (null, ${actorId}, ${action}, 'user', ${userId}, ${tx.json(details as never)}, ${ip}::inet)`
}

/**
 * Counts a wrong password for an account (kept 15 minutes, in SQL); reaching 5 appends one
 * `auth.sign_in_failures` security event, not one per failure (private.note_failed_sign_in).
 */
export async function noteFailedSignIn(db: Db, userId: string, ip: string | null): Promise<void> {
  await db`select private.note_failed_sign_in(${userId}::uuid, ${ip}::inet)`
}
