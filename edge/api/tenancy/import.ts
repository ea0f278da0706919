import * as C from '../../contract/classes.ts'
import { normalizePhone } from '../../contract/phone-number.ts'
import * as R from '../../contract/routes/classes.ts'
import { withUser } from '../../lib/db.ts'
import { apiRoute, named } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRole } from './access.ts'
import { randomToken } from './tokens.ts'

// Bulk import of students (the web parses the CSV and sends its rows as JSON). The database does the
// work in a few set-based statements: public.preview_student_import classifies the rows,
// public.import_students invites the new emails, makes phone sign-in accounts for rows with only a
// phone number, creates missing classes, records the class placements and writes one audit entry
// with the counts. Phone numbers are read here, as everywhere (edge/contract/phone-number.ts).

named(C.ImportRow, 'ImportRow')
named(C.StudentImportBody, 'StudentImport')
named(C.ImportPreview, 'ImportPreview')
named(C.ImportResult, 'ImportResult')

/** The body limit of the import routes: 5,000 rows of long names and emails with JSON's quoting. */
export const IMPORT_MAX_BODY_BYTES = 4 * 1024 * 1024

/** The paths that take an import's rows (app.ts gives them IMPORT_MAX_BODY_BYTES). */
export const isImportPath = (path: string) =>
  /^\/api\/tenants\/[^/]+\/student-imports(\/preview)?$/.test(path)

const tags = ['members']

const preview = apiRoute(R.previewStudentImport, {
  tags,
  summary: 'Check rows of students before importing them (owners and admins); nothing is written',
  description:
    'Each row’s status: `new` (the email will be invited), `new_account` (a phone sign-in account ' +
    'will be made for the number), `already_invited`, or why it is left out: `missing_name`, ' +
    '`missing_contact` (no email or phone), `bad_email`, `bad_phone`, `duplicate` (the email or ' +
    'number is on an earlier row), `already_member`, `phone_taken` (the number signs in to an ' +
    'account outside the school). ' +
    'Up to 5,000 rows; the body may be up to 4 MiB.',
  responses: { 200: 'One status per row, in order, and the student seats left.' },
  errors: [400, 401, 403, 404, 413],
})

const run = apiRoute(R.importStudents, {
  tags,
  summary: 'Import students: invite each new email, make accounts for phone numbers, place them in classes',
  description:
    'Owners and admins. New email rows get a student invitation (and its email, as when inviting ' +
    'one person) and a pending placement in their class (created when missing), applied when they ' +
    'join. Rows with a phone number and no email become students at once: an account that signs ' +
    'in with that number and an SMS code, already in its class. Rows already invited change only ' +
    'their placement; rows with errors are skipped. ' +
    'Running the same rows again creates nothing. 409 `seats_full` (nothing imported) when the ' +
    "plan's student seats would run out. One audit entry `students.imported` with the counts.",
  responses: { 200: 'What the import did.' },
  errors: [400, 401, 403, 404, 409, 413],
})

/** The rows as the database reads them: blanks for what is missing, numbers in E.164 digits (`?` when unreadable). */
const rowsJson = (rows: C.ImportRow[]) =>
  rows.map((r) => ({
    name: r.name,
    email: r.email ?? '',
    phone: r.phone?.trim() ? (normalizePhone(r.phone) ?? '?') : '',
    grade: r.grade ?? '',
    class: r.class ?? '',
  }))

/** POST /tenants/:tenantId/student-imports/preview and /tenants/:tenantId/student-imports. */
export function importRoutes({ sql, auth, siteUrl }: ApiDeps) {
  return newRouter()
    .openapi({ ...preview, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { rows } = c.req.valid('json')
      const answer = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        const found = await tx<(C.ImportPreview['rows'][number] & { seats_left: number })[]>`
          select n, status, class_exists, seats_left
          from public.preview_student_import(${tenantId}, ${tx.json(rowsJson(rows))})`
        return {
          rows: found.map(({ n, status, class_exists }) => ({ n, status, class_exists })),
          seats_left: found[0]?.seats_left ?? 0,
        }
      })
      return c.json(answer, 200)
    })
    .openapi({ ...run, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { rows } = c.req.valid('json')
      const tokens = rows.map(() => randomToken())
      const result = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        const [row] = await tx<C.ImportResult[]>`
          select invited, accounts_created, already_invited, placed, classes_created, rejected
          from public.import_students(${tenantId}, ${tx.json(rowsJson(rows))}, ${tokens}::text[], ${siteUrl})`
        return row as C.ImportResult
      })
      return c.json(result, 200)
    })
}
