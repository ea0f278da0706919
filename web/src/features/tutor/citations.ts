// Citations of an answer: each names a published lesson section; `[n]` in the answer's text refers
// to citation n and becomes a link to that section.
import type { Citation } from '../../../../edge/contract/ai.ts'

/** The lesson page at the cited section: `/t/<slug>/lessons/<lesson id>#<section id>`. */
export function citationHref(slug: string, c: Pick<Citation, 'lesson_id' | 'section_id'>): string {
  const base = `/t/${slug}/lessons/${encodeURIComponent(c.lesson_id)}`
  return c.section_id ? `${base}#${encodeURIComponent(c.section_id)}` : base
}

/** "Lesson title › heading" (just the title for the text before the first heading). */
export function citationLabel(c: Pick<Citation, 'lesson_title' | 'heading'>): string {
  return c.heading ? `${c.lesson_title} › ${c.heading}` : c.lesson_title
}

/** A piece of an answer's text: plain, bold (`**…**`), or a `[n]` marker linked to its citation. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'cite'; text: string; n: number; href: string; label: string }

const TOKENS = /\[(\d{1,2})\]|\*\*([^*\n]+)\*\*/g

/**
 * The answer's text cut into segments: `[n]` of a known citation becomes a link, `**bold**` is
 * emphasised (AI answers use it), the rest stays text. An unknown `[n]` stays as it was written.
 */
export function segments(text: string, citations: readonly Citation[], slug: string): Segment[] {
  const byN = new Map(citations.map((c) => [c.n, c]))
  const out: Segment[] = []
  let last = 0
  const plain = (to: number) => {
    if (to > last) out.push({ kind: 'text', text: text.slice(last, to) })
  }
  for (const match of text.matchAll(TOKENS)) {
    const at = match.index ?? 0
    if (match[2] !== undefined) {
      plain(at)
      out.push({ kind: 'strong', text: match[2] })
      last = at + match[0].length
      continue
    }
    const c = byN.get(Number(match[1]))
    if (!c) continue
    plain(at)
    out.push({ kind: 'cite', text: match[0], n: c.n, href: citationHref(slug, c), label: citationLabel(c) })
    last = at + match[0].length
  }
  plain(text.length)
  return out
}

/** Adds a citation unless one with its number is there already (a resumed stream sends them again). */
export function addCitation(list: readonly Citation[], c: Citation): Citation[] {
  if (list.some((x) => x.n === c.n)) return [...list]
  return [...list, c].sort((a, b) => a.n - b.n)
}
