import type { Editor } from '@tiptap/core'
import Bold from 'lucide-solid/icons/bold'
import Code from 'lucide-solid/icons/code'
import Heading1 from 'lucide-solid/icons/heading-1'
import Heading2 from 'lucide-solid/icons/heading-2'
import Heading3 from 'lucide-solid/icons/heading-3'
import ImageIcon from 'lucide-solid/icons/image'
import Italic from 'lucide-solid/icons/italic'
import LinkIcon from 'lucide-solid/icons/link'
import List from 'lucide-solid/icons/list'
import ListOrdered from 'lucide-solid/icons/list-ordered'
import Minus from 'lucide-solid/icons/minus'
import Redo from 'lucide-solid/icons/redo-2'
import SquareCode from 'lucide-solid/icons/square-code'
import Strikethrough from 'lucide-solid/icons/strikethrough'
import Table from 'lucide-solid/icons/table'
import TextQuote from 'lucide-solid/icons/text-quote'
import Undo from 'lucide-solid/icons/undo-2'
import type { JSX } from 'solid-js'
import type { messages } from '../messages.ts'

// The tools of the lesson editor's toolbar, in groups; the toolbar and its "More" menu show them.

/** A key of the lessons catalogue: tools name their label by key, translated when shown. */
export type Label = keyof typeof messages.en

export interface Tool {
  label: Label
  icon: (p: { size: number }) => JSX.Element
  run: (e: Editor) => void
  /** Shown as pressed (aria-pressed) when true; tools without it are plain actions. */
  active?: (e: Editor) => boolean
  enabled?: (e: Editor) => boolean
  shortcut?: string
  /** Less used: on phones it waits in the toolbar's "More" menu, so the bar fits the screen. */
  more?: true
}

export const chain = (e: Editor) => e.chain().focus()

export const GROUPS: Tool[][] = [
  [
    {
      label: 'toolbar.undo',
      icon: Undo,
      run: (e) => e.commands.undo(),
      enabled: (e) => e.can().undo(),
      shortcut: 'Ctrl+Z',
    },
    {
      label: 'toolbar.redo',
      icon: Redo,
      run: (e) => e.commands.redo(),
      enabled: (e) => e.can().redo(),
      shortcut: 'Ctrl+Shift+Z',
    },
  ],
  [
    {
      label: 'toolbar.heading1',
      more: true,
      icon: Heading1,
      run: (e) => chain(e).toggleHeading({ level: 1 }).run(),
      active: (e) => e.isActive('heading', { level: 1 }),
    },
    {
      label: 'toolbar.heading2',
      icon: Heading2,
      run: (e) => chain(e).toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive('heading', { level: 2 }),
    },
    {
      label: 'toolbar.heading3',
      more: true,
      icon: Heading3,
      run: (e) => chain(e).toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive('heading', { level: 3 }),
    },
  ],
  [
    {
      label: 'toolbar.bold',
      icon: Bold,
      run: (e) => chain(e).toggleBold().run(),
      active: (e) => e.isActive('bold'),
      shortcut: 'Ctrl+B',
    },
    {
      label: 'toolbar.italic',
      icon: Italic,
      run: (e) => chain(e).toggleItalic().run(),
      active: (e) => e.isActive('italic'),
      shortcut: 'Ctrl+I',
    },
    {
      label: 'toolbar.strike',
      more: true,
      icon: Strikethrough,
      run: (e) => chain(e).toggleStrike().run(),
      active: (e) => e.isActive('strike'),
    },
    {
      label: 'toolbar.code',
      more: true,
      icon: Code,
      run: (e) => chain(e).toggleCode().run(),
      active: (e) => e.isActive('code'),
    },
  ],
  [
    {
      label: 'toolbar.bulletList',
      icon: List,
      run: (e) => chain(e).toggleBulletList().run(),
      active: (e) => e.isActive('bulletList'),
    },
    {
      label: 'toolbar.orderedList',
      more: true,
      icon: ListOrdered,
      run: (e) => chain(e).toggleOrderedList().run(),
      active: (e) => e.isActive('orderedList'),
    },
    {
      label: 'toolbar.quote',
      more: true,
      icon: TextQuote,
      run: (e) => chain(e).toggleBlockquote().run(),
      active: (e) => e.isActive('blockquote'),
    },
    {
      label: 'toolbar.codeBlock',
      more: true,
      icon: SquareCode,
      run: (e) => chain(e).toggleCodeBlock().run(),
      active: (e) => e.isActive('codeBlock'),
    },
  ],
]

/** Link, image, table and line: the link and image ask for an address first (`onLink`, `onImage`). */
export function insertTools(onLink: () => void, onImage: () => void): Tool[] {
  return [
    {
      label: 'toolbar.link',
      icon: LinkIcon,
      run: () => onLink(),
      active: (e) => e.isActive('link'),
      shortcut: 'Ctrl+K',
    },
    { label: 'toolbar.image', icon: ImageIcon, run: () => onImage(), more: true },
    {
      label: 'toolbar.table',
      icon: Table,
      run: (e) => chain(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      active: (e) => e.isActive('table'),
      enabled: (e) => !e.isActive('table'),
      more: true,
    },
    { label: 'toolbar.rule', icon: Minus, run: (e) => chain(e).setHorizontalRule().run(), more: true },
  ]
}

/** The actions on the table the selection is in. */
export const TABLE_TOOLS: { label: Label; run: (e: Editor) => void }[] = [
  { label: 'toolbar.addRow', run: (e) => chain(e).addRowAfter().run() },
  { label: 'toolbar.addColumn', run: (e) => chain(e).addColumnAfter().run() },
  { label: 'toolbar.deleteRow', run: (e) => chain(e).deleteRow().run() },
  { label: 'toolbar.deleteColumn', run: (e) => chain(e).deleteColumn().run() },
  { label: 'toolbar.deleteTable', run: (e) => chain(e).deleteTable().run() },
]
