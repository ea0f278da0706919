// The 'similarity' grading job (issue 16): compares an assignment's latest submissions with each
// other and with the course's published lessons (fingerprint.ts), then replaces the assignment's
// results (public.similarity_checks and similarity_pairs) in one transaction. Idempotent: a rerun
// writes the same results for the same texts.
import type { Sql } from '../../../edge/lib/db.ts'
import { compareTexts, type SimilarityPair, type SimilarityText } from './fingerprint.ts'
import type { GradingHandler } from './types.ts'

/** The most pairs kept per assignment (the highest scores): a teacher reads a list, not a matrix. */
export const MAX_PAIRS = 500
/** The longest excerpt shown in the list. */
const EXCERPT_CHARS = 300

interface AssignmentRow {
  id: string
  tenant_id: string
  course_id: string
  instructions: string
}

interface LessonText extends SimilarityText {
  title: string
}

/** Each latest submission's text: what was typed, then the (corrected) text of its scanned pages. */
async function submissionTexts(sql: Sql, a: AssignmentRow): Promise<SimilarityText[]> {
  const rows = await sql<{ id: string; text: string }[]>`
    select s.id, concat_ws(E'\n\n', nullif(btrim(s.body), ''), nullif(btrim(
      (select string_agg(coalesce(t.corrected_text, t.text), E'\n\n' order by t.created_at, t.path)
       from public.submission_texts t where t.submission_id = s.id)), '')) as text
    from public.assignment_submissions s
    where s.assignment_id = ${a.id} and s.tenant_id = ${a.tenant_id}
    order by s.submitted_at, s.id`
  return rows.filter((r) => r.text.trim() !== '')
}

/** The course's published lessons (the latest version of each, as the AI tutor's passages hold it). */
async function lessonTexts(sql: Sql, a: AssignmentRow): Promise<LessonText[]> {
  return sql<LessonText[]>`
    select p.lesson_id as id, min(p.lesson_title) as title,
      string_agg(concat_ws(E'\n', nullif(p.heading, ''), nullif(p.body, '')), E'\n\n' order by p.position) as text
    from public.lesson_passages p
    where p.course_id = ${a.course_id} and p.tenant_id = ${a.tenant_id}
    group by p.lesson_id`
}

function excerpt(text: string, pair: SimilarityPair): string {
  const longest = pair.passages.reduce((x, y) => (y.words > x.words ? y : x))
  const plain = text.slice(longest.a[0], longest.a[1]).replace(/\s+/g, ' ').trim()
  return plain.length <= EXCERPT_CHARS ? plain : `${plain.slice(0, EXCERPT_CHARS - 1).trimEnd()}…`
}

const share = (x: number) => Math.round(x * 10_000) / 10_000

async function save(
  sql: Sql,
  a: AssignmentRow,
  counts: { submissions: number; lessons: number },
  pairs: SimilarityPair[],
  texts: Map<string, string>,
  titles: Map<string, string>,
) {
  const rows = pairs.slice(0, MAX_PAIRS).map((p) => ({
    assignment_id: a.id,
    tenant_id: a.tenant_id,
    course_id: a.course_id,
    submission_a: p.a,
    submission_b: p.source ? null : p.b,
    lesson_id: p.source ? p.b : null,
    lesson_title: p.source ? (titles.get(p.b) ?? null) : null,
    score: share(p.score),
    share_a: share(p.shareA),
    share_b: share(p.shareB),
    passages: p.passages,
    excerpt: excerpt(texts.get(p.a) ?? '', p),
    text_a: texts.get(p.a) ?? '',
    text_b: texts.get(p.b) ?? '',
  }))
  await sql.begin(async (tx) => {
    // Two runs for one assignment take turns; the later one's results stay.
    await tx`select pg_advisory_xact_lock(hashtext(${`similarity:${a.id}`}))`
    await tx`delete from public.similarity_checks where assignment_id = ${a.id}`
    await tx`insert into public.similarity_checks (assignment_id, tenant_id, course_id, submissions, lessons, pairs)
      values (${a.id}, ${a.tenant_id}, ${a.course_id}, ${counts.submissions}, ${counts.lessons}, ${rows.length})`
    for (let i = 0; i < rows.length; i += 100) {
      const batch = rows.slice(i, i + 100).map((r) => ({ ...r, passages: tx.json(r.passages as never) }))
      await tx`insert into public.similarity_pairs ${tx(batch)}`
    }
  })
}

/** Compares an assignment's submissions and the course's published lessons; replaces its results. */
export const similarityHandler: GradingHandler = async (job, { sql, log, progress, signal }) => {
  const [a] = await sql<AssignmentRow[]>`
    select id, tenant_id, course_id, instructions from public.assignments
    where id = ${job.assignmentId} and tenant_id = ${job.tenantId}`
  if (!a) throw new Error('The assignment is gone, or is not in this school.')
  await progress(5)
  const submissions = await submissionTexts(sql, a)
  const lessons = await lessonTexts(sql, a)
  await progress(40)
  signal.throwIfAborted()
  const started = performance.now()
  const pairs = compareTexts(submissions, lessons, { boilerplate: [a.instructions] })
  await progress(80)
  signal.throwIfAborted()
  const texts = new Map([...submissions, ...lessons].map((t) => [t.id, t.text]))
  const titles = new Map(lessons.map((l) => [l.id, l.title]))
  await save(sql, a, { submissions: submissions.length, lessons: lessons.length }, pairs, texts, titles)
  log.info('similarity checked', {
    assignment: a.id,
    submissions: submissions.length,
    lessons: lessons.length,
    pairs: pairs.length,
    ms: Math.round(performance.now() - started),
  })
  await progress(100)
}
