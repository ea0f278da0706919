import { getSchema } from '@tiptap/core'
import type { Node } from '@tiptap/pm/model'
import StarterKit from '@tiptap/starter-kit'
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type Anchor, anchorAt, rangeOf } from './anchors.ts'

// Comment anchors through concurrent edits: two co-authors' documents (Y.Docs), edited apart and then
// merged, as two editors connected to one lesson are; the anchor made on one lands on the same
// words in both.

const schema = getSchema([StarterKit.configure({ undoRedo: false })])
const text = (t: string) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })

function lessonDoc() {
  const doc = new Y.Doc()
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [text('A cell has a membrane and a nucleus.'), text('Cells make tissues.')] },
    doc.getXmlFragment('content'),
  )
  return doc
}

/** The ProseMirror view of a Y.Doc and its binding, as the editor's sync plugin holds them. */
function view(doc: Y.Doc) {
  const type = doc.getXmlFragment('content')
  const { doc: pm, meta } = initProseMirrorDoc(type, schema)
  return { pm, binding: { doc, type, mapping: meta.mapping } }
}

/** ProseMirror positions of the first occurrence of `words`. */
function find(pm: Node, words: string): { from: number; to: number } {
  let found: { from: number; to: number } | undefined
  pm.descendants((node, pos) => {
    const at = node.isText ? (node.text ?? '').indexOf(words) : -1
    if (!found && at >= 0) found = { from: pos + at, to: pos + at + words.length }
  })
  if (!found) throw new Error(`"${words}" is not in the document`)
  return found
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

const textAt = (doc: Y.Doc, anchor: Anchor) => {
  const { pm, binding } = view(doc)
  const range = rangeOf(binding, anchor)
  return range ? pm.textBetween(range.from, range.to) : null
}

const paragraphText = (doc: Y.Doc, index: number) =>
  (doc.getXmlFragment('content').get(index) as Y.XmlElement).get(0) as Y.XmlText

describe('comment anchors', () => {
  it('land on the same words after two co-authors edit around them at once', () => {
    const grace = lessonDoc()
    const david = new Y.Doc()
    Y.applyUpdate(david, Y.encodeStateAsUpdate(grace))
    const { pm, binding } = view(grace)
    const anchor = anchorAt(binding, find(pm, 'membrane').from, find(pm, 'membrane').to)
    expect(textAt(grace, anchor)).toBe('membrane')

    // Apart: Grace writes before the words, David adds a paragraph above and words right after them.
    paragraphText(grace, 0).insert(0, 'Today: ')
    const intro = new Y.XmlElement('paragraph')
    intro.insert(0, [new Y.XmlText('Read this first.')])
    david.getXmlFragment('content').insert(0, [intro])
    paragraphText(david, 1).insert('A cell has a membrane'.length, ' (thin)')
    sync(grace, david)

    expect(view(grace).pm.textContent).toBe(view(david).pm.textContent)
    expect(view(grace).pm.textContent).toContain('Today: A cell has a membrane (thin) and a nucleus.')
    expect(textAt(grace, anchor)).toBe('membrane')
    expect(textAt(david, anchor)).toBe('membrane')
  })

  it('covers words typed inside the range, and is gone when its words are deleted', () => {
    const doc = lessonDoc()
    const { pm, binding } = view(doc)
    const { from, to } = find(pm, 'membrane and a nucleus')
    const anchor = anchorAt(binding, from, to)
    paragraphText(doc, 0).insert('A cell has a membrane and '.length, 'then ')
    expect(textAt(doc, anchor)).toBe('membrane and then a nucleus')
    paragraphText(doc, 0).delete('A cell has a '.length, 'membrane and then a nucleus'.length)
    expect(textAt(doc, anchor)).toBeNull()
  })

  it('reads nothing from an anchor that is not one', () => {
    const { binding } = view(lessonDoc())
    expect(rangeOf(binding, { start: 'AAAA', end: 'AAAA' })).toBeNull()
    expect(rangeOf(binding, { start: '!!', end: '??' })).toBeNull()
  })
})
