import type { Editor } from '@tiptap/core'
import { type Accessor, createEffect, For, on, onCleanup, onMount, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { type EditorState, ToolbarMore } from './ToolbarMore.tsx'
import { GROUPS, insertTools, TABLE_TOOLS, type Tool } from './toolbar-tools.ts'

const t = translator(messages)

const BTN =
  'grid size-9 shrink-0 place-items-center rounded-md text-fg hover:bg-subtle disabled:pointer-events-none disabled:opacity-35 aria-pressed:bg-primary/15 aria-pressed:text-primary'
/** Phones: hidden (the tool is in the "More" menu). */
const PHONE_HIDDEN = 'max-sm:hidden'

/** One tool of the toolbar: pressed and enabled as the selection says. */
function ToolButton(props: { tool: Tool; editor: Editor; state: EditorState }) {
  return (
    <button
      type="button"
      class={props.tool.more ? `${BTN} ${PHONE_HIDDEN}` : BTN}
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

/** A line between groups; on phones only between groups that show a tool there. */
const Separator = (props: { phone: boolean }) => (
  <span
    class={`mx-0.5 h-6 w-px shrink-0 bg-line sm:mx-1 ${props.phone ? '' : PHONE_HIDDEN}`}
    aria-hidden="true"
  />
)

/** The toolbar's own buttons a person can reach now: shown, enabled, not inside the open menu. */
const reachable = (bar: HTMLElement) =>
  [...bar.querySelectorAll<HTMLButtonElement>('button:not(:disabled):not([role^="menuitem"])')].filter(
    (b) => b.getClientRects().length > 0,
  )

/**
 * The formatting toolbar (role="toolbar": one tab stop, arrow keys move between buttons). Its
 * pressed states follow the selection through `version`, which changes on every transaction. It
 * wraps rather than scrolls; on phones the less-used tools wait in a "More" menu at its end.
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
  const groups = [...GROUPS, insertTools(props.onLink, props.onImage)]
  const moreTools = groups.flat().filter((tool) => tool.more)

  // Roving focus: arrows, Home and End move between the reachable buttons (the menu has its own keys).
  const onKeyDown = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key) || !bar) return
    if ((e.target as Element).closest('[role="menu"]')) return
    const buttons = reachable(bar)
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
  // Keep exactly one reachable button reachable with Tab (buttons come and go, undo gets disabled,
  // the screen turns and the "More" button appears).
  const ensureTabStop = () => {
    if (!bar) return
    const buttons = reachable(bar)
    if (!buttons.some((b) => b.tabIndex === 0) && buttons[0]) buttons[0].tabIndex = 0
  }
  onMount(() => {
    for (const b of bar?.querySelectorAll<HTMLButtonElement>('[aria-haspopup="menu"]') ?? []) b.tabIndex = -1
    ensureTabStop()
    const wide = matchMedia('(min-width: 40rem)')
    wide.addEventListener('change', ensureTabStop)
    onCleanup(() => wide.removeEventListener('change', ensureTabStop))
  })
  createEffect(on(props.version, () => queueMicrotask(ensureTabStop)))
  const onFocusIn = (e: FocusEvent) => {
    if (!bar || (e.target as Element).closest('[role="menu"]')) return
    for (const b of bar.querySelectorAll<HTMLButtonElement>('button:not([role^="menuitem"])'))
      b.tabIndex = b === e.target ? 0 : -1
  }

  const TEXT_BTN =
    'inline-flex min-h-8 shrink-0 items-center rounded-md px-2 text-xs font-medium hover:bg-subtle disabled:opacity-35'

  return (
    <div
      ref={bar}
      role="toolbar"
      aria-label={t('toolbar.label')}
      aria-controls="lesson-content"
      class="flex flex-wrap items-center gap-y-0.5 border-b border-line bg-surface/95 px-2 py-1.5 backdrop-blur sm:gap-0.5"
      onKeyDown={onKeyDown}
      onFocusIn={onFocusIn}
    >
      <For each={groups}>
        {(group, i) => (
          <>
            <Show when={i() > 0}>
              <Separator phone={group.some((tool) => !tool.more)} />
            </Show>
            <For each={group}>{(tool) => <ToolButton tool={tool} editor={props.editor} state={state} />}</For>
          </>
        )}
      </For>
      <ToolbarMore tools={moreTools} editor={props.editor} state={state} class="ml-auto sm:hidden" />
      <Show when={inTable()}>
        <span
          class="flex basis-full flex-wrap items-center gap-0.5 sm:basis-auto"
          role="group"
          aria-label={t('toolbar.table')}
        >
          <Separator phone={false} />
          <For each={TABLE_TOOLS}>
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
