import type { Certificate } from '../../contract/certificates.ts'
import type { Tx } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'

// Reads of certificates under RLS (what a query returns is what the caller may see), and the
// checks the routes share.

/** A certificate's columns as the contract's Certificate, with its verification address. */
export const certificateColumns = (tx: Tx, siteUrl: string) => tx`
  c.id, c.code, c.tenant_id, c.course_id, c.user_id, c.student_name, c.course_title, c.school_name,
  c.issued_at, c.revoked_at, c.revoked_reason, ${`${siteUrl}/verify/`}::text || c.code as verify_url,
  (private.has_role(c.tenant_id, private.admin_roles())
   or (c.course_id is not null and private.can_manage_course(c.course_id))) as can_revoke`

const noCertificate = () =>
  notFound('certificate_not_found', 'No such certificate, or it is not yours to see.')

/** One certificate as the caller sees it, unsent (certificateIn reads it). */
export const certificateQuery = (tx: Tx, siteUrl: string, id: string) => tx<Certificate[]>`
  select ${certificateColumns(tx, siteUrl)} from public.certificates c where c.id = ${id}`

/** The certificate of certificateQuery's rows; 404 when the caller does not see it. */
export function certificateIn([row]: readonly Certificate[]): Certificate {
  if (!row) throw noCertificate()
  return row
}

/** One certificate the caller sees; 404 otherwise. */
export async function readCertificate(tx: Tx, siteUrl: string, id: string): Promise<Certificate> {
  return certificateIn(await certificateQuery(tx, siteUrl, id))
}
