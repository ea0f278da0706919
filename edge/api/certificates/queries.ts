import type { Certificate } from '../../contract/certificates.ts'
import type { Tx } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'

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

/** One certificate the caller sees; 404 otherwise. */
export async function readCertificate(tx: Tx, siteUrl: string, id: string): Promise<Certificate> {
  const [row] = await tx<Certificate[]>`
    select ${certificateColumns(tx, siteUrl)} from public.certificates c where c.id = ${id}`
  if (!row) throw noCertificate()
  return row
}

/** 403 unless the caller is one of the course's teachers (they see students' work). */
export async function requireTeacher(tx: Tx, courseId: string, action: string): Promise<void> {
  const [row] = await tx<{ ok: boolean }[]>`select private.can_see_course_work(${courseId}) as ok`
  if (!row?.ok) throw forbidden('course_editors_only', `Only the course's teachers can ${action}.`)
}
