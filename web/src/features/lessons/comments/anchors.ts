import type { EditorState } from '@tiptap/pm/state'
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'

// Where a comment thread sits in the lesson: two Yjs relative positions into the document's
// XmlFragment, saved as base64 (the API's `anchor`). A relative position names an item of the
// shared text, not an offset, so the thread stays on its words while anyone edits around them; the
// editor turns it back into a ProseMirror range each time it draws (`rangeOf`).

/** How the sync plugin maps Yjs types to ProseMirror nodes (y-tiptap's ProsemirrorMapping, not exported). */
type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2]

export interface Anchor {
  start: string
  end: string
}

/** The document's Yjs side as the sync plugin keeps it: the fragment and its Yjs-to-ProseMirror mapping. */
export interface YBinding {
  doc: Y.Doc
  type: Y.XmlFragment
  mapping: ProsemirrorMapping
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** The binding of an editor bound to Yjs (Tiptap's Collaboration), or undefined before it is ready. */
export function bindingOf(state: EditorState): YBinding | undefined {
  const sync = ySyncPluginKey.getState(state) as
    | { type?: Y.XmlFragment; binding?: { mapping: ProsemirrorMapping } }
    | undefined
  if (!sync?.type?.doc || !sync.binding) return undefined
  return { doc: sync.type.doc, type: sync.type, mapping: sync.binding.mapping }
}

/** The anchor of the text from `from` to `to` (ProseMirror positions). */
export function anchorAt(b: YBinding, from: number, to: number): Anchor {
  const start = absolutePositionToRelativePosition(from, b.type, b.mapping) as Y.RelativePosition
  const end = absolutePositionToRelativePosition(to, b.type, b.mapping) as Y.RelativePosition
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) }
}

/**
 * Where an anchor is now, or null when its text was deleted (or the anchor cannot be read: one made
 * for another document).
 */
export function rangeOf(b: YBinding, anchor: Anchor): { from: number; to: number } | null {
  try {
    const from = relativePositionToAbsolutePosition(
      b.doc,
      b.type,
      Y.decodeRelativePosition(fromBase64(anchor.start)),
      b.mapping,
    )
    const to = relativePositionToAbsolutePosition(
      b.doc,
      b.type,
      Y.decodeRelativePosition(fromBase64(anchor.end)),
      b.mapping,
    )
    if (from === null || to === null || to <= from) return null
    return { from, to }
  } catch {
    return null
  }
}
