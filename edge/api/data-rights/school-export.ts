import { SCHOOL_EXPORT_FORMAT } from '../../contract/data-rights.ts'
import { exportSchool } from '../../contract/routes/data-rights.ts'
import { type Sql, type Tx, withUser } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

// A school's data as one JSON document, streamed: one repeatable-read snapshot on a connection of
// its own, each table read through a cursor of EXPORT_BATCH rows and written as it comes, so a large
// school is never held in memory. Which tables: every public table with a tenant_id (the school's
// rows), every table hanging off one of those by a foreign key (ticket messages, lesson versions…),
// and the members' profiles; found from the catalogue, so tables added later are exported too.
// Left out: secrets (columns named like token, secret, sealed, hash, password), binary columns and
// the live editing state (the published lesson versions carry the text).

const route = apiRoute(exportSchool, {
  tags: ['schools'],
  summary: "Download the school's data as one JSON file (owners)",
  description:
    `\`{"format": "${SCHOOL_EXPORT_FORMAT}", "exported_at", "school", "tables": {"<table>": [rows…]}}\`, ` +
    'streamed from one consistent snapshot. Every table of the school, the rows hanging off them, and ' +
    'the members’ profiles; no secrets or binary columns. Recorded in the audit log (`tenant.exported`).',
  responses: { 200: 'application/json, as an attachment named <school>-export-YYYY-MM-DD.json.' },
  errors: [400, 401, 403],
})

/** Rows per cursor fetch. */
export const EXPORT_BATCH = 500

const SECRET_COLUMN = /token|secret|sealed|hash|password/i
const LEFT_OUT = new Set(['lesson_docs', 'lesson_doc_updates', 'lesson_presence'])

interface Source {
  table: string
  columns: string[]
  /** `where` of the rows that belong to the school ($1 is the school's id). */
  where: string
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`

/** Every exported table with its columns and the condition tying its rows to the school. */
async function sources(tx: Tx): Promise<Source[]> {
  const columns = await tx<{ table: string; column: string; type: string }[]>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, null) as type
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname, a.attnum`
  const links = await tx<{ child: string; column: string; parent: string; parent_column: string }[]>`
    select c.relname as child, a.attname as column, p.relname as parent, pa.attname as parent_column
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_class p on p.oid = k.confrelid join pg_namespace pn on pn.oid = p.relnamespace
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
    where k.contype = 'f' and cardinality(k.conkey) = 1 and n.nspname = 'public' and pn.nspname = 'public'
    order by c.relname, k.conname`
  const byTable = new Map<string, { column: string; type: string }[]>()
  for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c])
  const hasTenant = (t: string) => byTable.get(t)?.some((c) => c.column === 'tenant_id') ?? false
  const kept = (t: string) =>
    (byTable.get(t) ?? [])
      .filter((c) => c.type !== 'bytea' && !SECRET_COLUMN.test(c.column))
      .map((c) => c.column)

  const out: Source[] = []
  for (const table of byTable.keys()) {
    if (LEFT_OUT.has(table) || table === 'tenants' || table === 'profiles') continue
    if (hasTenant(table)) {
      out.push({ table, columns: kept(table), where: 'tenant_id = $1' })
      continue
    }
    const link = links.find((l) => l.child === table && l.parent !== 'tenants' && hasTenant(l.parent))
    if (!link) continue
    out.push({
      table,
      columns: kept(table),
      where: `${ident(link.column)} in (select ${ident(link.parent_column)} from public.${ident(link.parent)} where tenant_id = $1)`,
    })
  }
  out.push({
    table: 'profiles',
    columns: kept('profiles'),
    where: 'id in (select user_id from public.memberships where tenant_id = $1)',
  })
  return out
}

const selectJson = (s: Source) =>
  `select row_to_json(r)::text as j from (select ${s.columns.map(ident).join(', ')} from public.${ident(s.table)} where ${s.where}) r`

/** The document, piece by piece, read in one snapshot on a connection of its own. */
async function* exportDocument(sql: Sql, tenant: string): AsyncGenerator<string> {
  const conn = await sql.reserve()
  try {
    await conn`begin isolation level repeatable read read only`
    const [school] = await conn<{ j: string }[]>`
      select row_to_json(t)::text as j from (
        select id, name, slug, time_zone, status, created_at, deletion_due_at from public.tenants where id = ${tenant}
      ) t`
    yield `{"format":${JSON.stringify(SCHOOL_EXPORT_FORMAT)},"exported_at":${JSON.stringify(new Date().toISOString())},"school":${school.j},"tables":{`
    let firstTable = true
    for (const s of await sources(conn)) {
      yield `${firstTable ? '' : ','}${JSON.stringify(s.table)}:[`
      firstTable = false
      let firstRow = true
      for await (const rows of conn.unsafe<{ j: string }[]>(selectJson(s), [tenant]).cursor(EXPORT_BATCH)) {
        yield (firstRow ? '' : ',') + rows.map((r) => r.j).join(',')
        firstRow = false
      }
      yield ']'
    }
    yield '}}\n'
    await conn`commit`
  } finally {
    await conn`rollback`.catch(() => {})
    conn.release()
  }
}

/** A byte stream the client pulls: the next piece is read only when the last one was taken. */
function streamOf(pieces: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    async pull(controller) {
      try {
        const { value, done } = await pieces.next()
        if (done) controller.close()
        else controller.enqueue(encoder.encode(value))
      } catch (error) {
        controller.error(error)
      }
    },
    async cancel() {
      await pieces.return(undefined)
    },
  })
}

const fileName = (slug: string) => `${slug}-export-${new Date().toISOString().slice(0, 10)}.json`

/** GET /tenants/:id/export. */
export function schoolExportRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...route, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    // Owners only, decided (and audited) under the caller's own rights before a byte is sent.
    // withUser, not withUserRead: begin_school_export writes the audit entry (a write, not a read).
    const [school] = await withUser(sql, c.var.claims, async (tx) => {
      await tx`select public.begin_school_export(${id}::uuid)`
      return tx<{ slug: string }[]>`select slug from public.tenants where id = ${id}`
    })
    const answer = c.body(streamOf(exportDocument(sql, id)), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName(school.slug)}"`,
      'cache-control': 'private, no-store',
    })
    // The body is the contract's SchoolExport, written as a stream rather than by c.json.
    return answer as never
  })
}
