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
import { type Accessor, createEffect, For, type JSX, on, onMount, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A key of the lessons catalogue: tools name their label by key, translated when shown. */
type Label = keyof typeof messages.en

interface Tool {
  label: Label
  icon: (p: { size: number }) => JSX.Element
  run: (e: Editor) => void
  /** Shown as pressed (aria-pressed) when true; tools without it are plain actions. */
  active?: (e: Editor) => boolean
  enabled?: (e: Editor) => boolean
  shortcut?: string
}

const chain = (e: Editor) => e.chain().focus()

const GROUPS: Tool[][] = [
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
      icon: Strikethrough,
      run: (e) => chain(e).toggleStrike().run(),
      active: (e) => e.isActive('strike'),
    },
    {
      label: 'toolbar.code',
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
      icon: ListOrdered,
      run: (e) => chain(e).toggleOrderedList().run(),
      active: (e) => e.isActive('orderedList'),
    },
    {
      label: 'toolbar.quote',
      icon: TextQuote,
      run: (e) => chain(e).toggleBlockquote().run(),
      active: (e) => e.isActive('blockquote'),
    },
    {
      label: 'toolbar.codeBlock',
      icon: SquareCode,
      run: (e) => chain(e).toggleCodeBlock().run(),
      active: (e) => e.isActive('codeBlock'),
    },
  ],
]

const BTN =
  'grid size-9 shrink-0 place-items-center rounded-md text-fg hover:bg-subtle disabled:pointer-events-none disabled:opacity-35 aria-pressed:bg-primary/15 aria-pressed:text-primary'

/** Reads the editor's state so that it is read again after every transaction (see `version`). */
type EditorState = <T>(read: (e: Editor) => T) => T

/** One tool of the toolbar: pressed and enabled as the selection says. */
function ToolButton(props: { tool: Tool; editor: Editor; state: EditorState }) {
  return (
    <button
      type="button"
      class={BTN}
      tabIndex={-1}
      aria-label={t(props.tool.label)}
      title={props.tool.shortcut ? `${t(props.tool.label)} (${props.tool.shortcut})` : t(props.tool.label)}
      aria-pressed={props.tool.active ? (props.state(props.tool.active) ? 'true' : 'false') : undefined}
      disabled={props.tool.enabled ? !props.state(props.tool.enabled) : false}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => props.tool.run(props.editor)}
    >
      <props.tool.icon size={18} />
    </button>
  )
}

const Separator = () => <span class="mx-1 h-6 w-px shrink-0 bg-line" aria-hidden="true" />

/**
 * The formatting toolbar (role="toolbar": one tab stop, arrow keys move between buttons). Its
 * pressed states follow the selection through `version`, which changes on every transaction.
 */
export function Toolbar(props: {
  editor: Editor
  version: Accessor<number>
  onLink: () => void
  onImage: () => void
}) {
  let bar: HTMLDivElement | undefined
  const state: EditorState = (read) => {
    props.version()
    return read(props.editor)
  }
  const inTable = () => state((e) => e.isActive('table'))

  // Roving focus: arrows, Home and End move between the enabled buttons.
  const onKeyDown = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key) || !bar) return
    const buttons = [...bar.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')]
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement)
    let next = current
    if (e.key === 'ArrowRight') next = (current + 1) % buttons.length
    if (e.key === 'ArrowLeft') next = (current - 1 + buttons.length) % buttons.length
    if (e.key === 'Home') next = 0
    if (e.key === 'End') next = buttons.length - 1
    e.preventDefault()
    for (const b of buttons) b.tabIndex = -1
    buttons[next].tabIndex = 0
    buttons[next].focus()
  }
  // Keep exactly one enabled button reachable with Tab (buttons come and go, undo gets disabled).
  const ensureTabStop = () => {
    if (!bar) return
    const enabled = [...bar.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')]
    if (!enabled.some((b) => b.tabIndex === 0) && enabled[0]) enabled[0].tabIndex = 0
  }
  onMount(ensureTabStop)
  createEffect(on(props.version, () => queueMicrotask(ensureTabStop)))
  const onFocusIn = (e: FocusEvent) => {
    if (!bar) return
    for (const b of bar.querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = b === e.target ? 0 : -1
  }

  const insertTools: Tool[] = [
    {
      label: 'toolbar.link',
      icon: LinkIcon,
      run: () => props.onLink(),
      active: (e) => e.isActive('link'),
      shortcut: 'Ctrl+K',
    },
    { label: 'toolbar.image', icon: ImageIcon, run: () => props.onImage() },
    {
      label: 'toolbar.table',
      icon: Table,
      run: (e) => chain(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      active: (e) => e.isActive('table'),
      enabled: (e) => !e.isActive('table'),
    },
    { label: 'toolbar.rule', icon: Minus, run: (e) => chain(e).setHorizontalRule().run() },
  ]

  const TEXT_BTN =
    'inline-flex min-h-8 shrink-0 items-center rounded-md px-2 text-xs font-medium hover:bg-subtle disabled:opacity-35'
  const tableTools: { label: Label; run: (e: Editor) => void }[] = [
    { label: 'toolbar.addRow', run: (e) => chain(e).addRowAfter().run() },
    { label: 'toolbar.addColumn', run: (e) => chain(e).addColumnAfter().run() },
    { label: 'toolbar.deleteRow', run: (e) => chain(e).deleteRow().run() },
    { label: 'toolbar.deleteColumn', run: (e) => chain(e).deleteColumn().run() },
    { label: 'toolbar.deleteTable', run: (e) => chain(e).deleteTable().run() },
  ]

  return (
    <div
      ref={bar}
      role="toolbar"
      aria-label={t('toolbar.label')}
      aria-controls="lesson-content"
      class="flex items-center gap-0.5 overflow-x-auto border-b border-line bg-surface/95 px-2 py-1.5 backdrop-blur sm:flex-wrap"
      onKeyDown={onKeyDown}
      onFocusIn={onFocusIn}
    >
      <For each={GROUPS}>
        {(group, i) => (
          <>
            <Show when={i() > 0}>
              <Separator />
            </Show>
            <For each={group}>{(tool) => <ToolButton tool={tool} editor={props.editor} state={state} />}</For>
          </>
        )}
      </For>
      <Separator />
      <For each={insertTools}>{(tool) => <ToolButton tool={tool} editor={props.editor} state={state} />}</For>
      <Show when={inTable()}>
        <Separator />
        <span class="flex items-center gap-0.5 sm:flex-wrap" role="group" aria-label={t('toolbar.table')}>
          <For each={tableTools}>
            {(tool) => (
              <button
                type="button"
                class={TEXT_BTN}
                tabIndex={-1}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => tool.run(props.editor)}
              >
                {t(tool.label)}
              </button>
            )}
          </For>
        </span>
      </Show>
    </div>
  )
}
