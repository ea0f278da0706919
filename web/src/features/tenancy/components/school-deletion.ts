import { query } from '@solidjs/router'
import { intlLocale } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'

/** A school's planned deletion (owners, admins): `due_at` null when none. */
export const getSchoolDeletion = query(
  (id: string) => api().get('/tenants/:id/deletion', { params: { id } }),
  'schoolDeletion',
)

/** A date as the reader's language writes it in full ("6 January 2027"). */
export const longDate = (iso: string) =>
  new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'long' }).format(new Date(iso))
