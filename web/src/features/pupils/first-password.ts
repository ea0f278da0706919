import type { User } from '@supabase/auth-js'

/**
 * True while the account still has the first password its school gave it: `app_metadata` is set by
 * the database and cleared when the password changes (20261208040000_pupil_accounts.sql), so the
 * token says it and RequireAuth sends the pupil to choose a new password before anything else.
 */
export const mustChangePassword = (user: User | null | undefined): boolean =>
  user?.app_metadata?.must_change_password === true

/** The page where a pupil chooses a new password. */
export const CHOOSE_PASSWORD_PATH = '/signin/new-password'
