import { readFileSync } from 'node:fs'
import path from 'node:path'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { renderLessonDoc } from '../../edge/api/courses/lesson-render.ts'
import { LESSON_FRAGMENT } from '../../edge/contract/courses-values.ts'
import { buildLesson, DEMO_LESSONS, editorSchema, inline } from './demo-content.ts'

const docOf = (...states: Uint8Array[]) => {
  const doc = new Y.Doc()
  for (const state of states) Y.applyUpdate(doc, state)
  return doc
}

describe('inline', () => {
  it('reads **bold** and *italic* runs and leaves the rest as plain text', () => {
    expect(inline('A **cell** is *tiny*.')).toEqual([
      { type: 'text', text: 'A ' },
      { type: 'text', text: 'cell', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' is ' },
      { type: 'text', text: 'tiny', marks: [{ type: 'italic' }] },
      { type: 'text', text: '.' },
    ])
    expect(inline('2 × 3 = 6')).toEqual([{ type: 'text', text: '2 × 3 = 6' }])
  })
})

describe('buildLesson', () => {
  it('refuses a body the editor could not hold', () => {
    expect(() =>
      buildLesson([{ at: { day: 0, time: '10:00' }, content: [{ type: 'bulletList' }] }]),
    ).toThrow()
    expect(() =>
      buildLesson([
        { at: { day: 0, time: '10:00' }, content: [{ type: 'paragraph' }], publish: { note: '' } },
      ]),
    ).toThrow(/empty/)
  })

  it('plays later edits into the same document, as an editor changing the draft does', () => {
    const first = [{ type: 'paragraph', content: inline('Halves.') }]
    const built = buildLesson([
      { at: { day: -2, time: '10:00' }, content: first, publish: { note: '' } },
      {
        at: { day: -1, time: '10:00' },
        content: [...first, { type: 'paragraph', content: inline('Quarters.') }],
        publish: { note: 'More' },
      },
    ])
    expect(built.versions.map((v) => v.html)).toEqual(['<p>Halves.</p>', '<p>Halves.</p><p>Quarters.</p>'])
    // The second version continues the first: merged, they make the second, not two copies.
    const [v1, v2] = built.versions
    expect(renderLessonDoc(docOf(v1!.state, v2!.state)).html).toBe('<p>Halves.</p><p>Quarters.</p>')
  })
})

describe('the demo lessons', () => {
  const seed = readFileSync(path.resolve(import.meta.dirname, '../../supabase/seed.sql'), 'utf8')
  const built = DEMO_LESSONS.map((lesson) => ({ id: lesson.id, ...buildLesson(lesson.edits) }))

  it('are the lessons of supabase/seed.sql, most of them published and at least one still a draft', () => {
    for (const lesson of DEMO_LESSONS) expect(seed).toContain(`'${lesson.id}'`)
    expect(new Set(DEMO_LESSONS.map((l) => l.id)).size).toBe(DEMO_LESSONS.length)
    const drafts = built.filter((b) => b.versions.length === 0)
    expect(drafts.length).toBeGreaterThanOrEqual(1)
    expect(built.length - drafts.length).toBeGreaterThan(drafts.length)
  })

  it('keep in the draft exactly what was last published, and each version renders from its own state', () => {
    for (const lesson of built) {
      const draft = renderLessonDoc(docOf(lesson.state))
      expect(draft.empty, lesson.id).toBe(false)
      const latest = lesson.versions.at(-1)
      if (latest) expect(draft, lesson.id).toEqual({ html: latest.html, text: latest.text, empty: false })
      for (const v of lesson.versions) {
        expect(renderLessonDoc(docOf(v.state)), lesson.id).toEqual({
          html: v.html,
          text: v.text,
          empty: false,
        })
      }
    }
  })

  it('load back into the editor schema as they were written', () => {
    for (const [i, lesson] of built.entries()) {
      const json = yXmlFragmentToProsemirrorJSON(docOf(lesson.state).getXmlFragment(LESSON_FRAGMENT))
      const node = editorSchema.nodeFromJSON(json)
      node.check()
      expect(node.toJSON().content, lesson.id).toEqual(
        editorSchema.nodeFromJSON({ type: 'doc', content: DEMO_LESSONS[i]?.edits.at(-1)?.content }).toJSON()
          .content,
      )
    }
  })
})
