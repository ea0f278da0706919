import { type Editor, Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { type Anchor, bindingOf, rangeOf } from './anchors.ts'

// The lesson editor's comment marks: the text each open thread is on, highlighted (the chosen one
// more strongly), found again from its anchor every time the document changes. A click on marked
// text picks its thread; Ctrl/Cmd+Alt+M starts a comment on the selection.

export interface MarkedThread {
  id: string
  anchor: Anchor
}

interface Marks {
  threads: MarkedThread[]
  active: string | undefined
}

const key = new PluginKey<Marks>('commentMarks')

/** The extension; `onPick` gets a clicked thread's id, `onNew` the shortcut. */
export function commentMarks(opts: { onPick: (id: string) => void; onNew: () => void }) {
  return Extension.create({
    name: 'commentMarks',
    addKeyboardShortcuts: () => ({
      'Mod-Alt-m': () => {
        opts.onNew()
        return true
      },
    }),
    addProseMirrorPlugins: () => [
      new Plugin<Marks>({
        key,
        state: {
          init: () => ({ threads: [], active: undefined }),
          apply: (tr, marks) => (tr.getMeta(key) as Marks | undefined) ?? marks,
        },
        props: {
          decorations(state) {
            const marks = key.getState(state)
            const binding = bindingOf(state)
            if (!marks?.threads.length || !binding) return null
            const decorations = marks.threads.flatMap((t) => {
              const range = rangeOf(binding, t.anchor)
              if (!range) return []
              const active = t.id === marks.active
              return [
                Decoration.inline(range.from, range.to, {
                  class: active ? 'comment-mark comment-mark-active' : 'comment-mark',
                  'data-comment-id': t.id,
                }),
              ]
            })
            return DecorationSet.create(state.doc, decorations)
          },
          handleClick(view, pos) {
            const marks = key.getState(view.state)
            const binding = bindingOf(view.state)
            if (!marks || !binding) return false
            const hit = marks.threads.find((t) => {
              const range = rangeOf(binding, t.anchor)
              return range !== null && pos >= range.from && pos <= range.to
            })
            if (hit) opts.onPick(hit.id)
            return false
          },
        },
      }),
    ],
  })
}

/** Shows these threads' marks in the editor, `active` the chosen one. */
export function showMarks(editor: Editor, threads: MarkedThread[], active: string | undefined) {
  if (editor.isDestroyed) return
  editor.view.dispatch(editor.state.tr.setMeta(key, { threads, active } satisfies Marks))
}

/** Where a thread's text is now, or null when it was deleted (or the editor is not bound yet). */
export function markedRange(editor: Editor, anchor: Anchor): { from: number; to: number } | null {
  const binding = bindingOf(editor.state)
  return binding ? rangeOf(binding, anchor) : null
}
