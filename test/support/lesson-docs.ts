// Lesson documents for tests, built the way the web editor builds them: Tiptap's schema
// (StarterKit + Image + Table) through y-prosemirror's own ProseMirror → Yjs conversion; and
// raw Y.Xml trees for hostile input that no schema would let through.
import { getSchema } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { PmMark, PmNode } from '../../edge/api/courses/lesson-render.ts'
import { LESSON_FRAGMENT } from '../../edge/contract/courses.ts'

/** The web editor's schema. */
export const tiptapSchema = getSchema([StarterKit, Image, TableKit])

/** A Y.Doc whose `content` fragment holds the ProseMirror JSON document, as Tiptap's Collaboration writes it. */
export function tiptapDoc(...content: PmNode[]): Y.Doc {
  return prosemirrorJSONToYDoc(tiptapSchema, { type: 'doc', content }, LESSON_FRAGMENT)
}

/** ProseMirror JSON shorthands. */
export const t = (text: string, ...marks: PmMark[]): PmNode => ({ type: 'text', text, marks })
export const p = (...content: (PmNode | string)[]): PmNode => ({
  type: 'paragraph',
  content: content.map((c) => (typeof c === 'string' ? t(c) : c)),
})
export const h = (level: number, text: string): PmNode => ({
  type: 'heading',
  attrs: { level },
  content: [t(text)],
})

/** The whole state of a doc, as one update. */
export const stateOf = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc)

/** A raw Y.XmlElement with attributes and children (no schema: anything goes). */
export function el(
  name: string,
  attrs: Record<string, unknown> = {},
  children: (Y.XmlElement | Y.XmlText)[] = [],
): Y.XmlElement {
  const node = new Y.XmlElement(name)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v as string)
  if (children.length > 0) node.insert(0, children)
  return node
}

/** A raw Y.XmlText of runs `[text, marks]`; each run carries only its own marks. */
export function txt(...runs: [string, Record<string, unknown>?][]): Y.XmlText {
  const node = new Y.XmlText()
  const keys = new Set(runs.flatMap(([, marks]) => Object.keys(marks ?? {})))
  let at = 0
  for (const [text, marks = {}] of runs) {
    node.insert(at, text, Object.fromEntries([...keys].map((k) => [k, marks[k] ?? null])))
    at += text.length
  }
  return node
}

/** A Y.Doc whose `content` fragment holds the raw nodes. */
export function rawDoc(...nodes: (Y.XmlElement | Y.XmlText)[]): Y.Doc {
  const doc = new Y.Doc()
  doc.getXmlFragment(LESSON_FRAGMENT).insert(0, nodes)
  return doc
}
