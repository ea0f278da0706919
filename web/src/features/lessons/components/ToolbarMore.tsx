import type { Editor } from '@tiptap/core'
import Ellipsis from 'lucide-solid/icons/ellipsis'
import { For, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { MENU_ITEM, Menu, MenuCheckboxItem, MenuItem } from '../../../ui/Menu.tsx'
import { messages } from '../messages.ts'
import type { Tool } from './toolbar-tools.ts'

const t = translator(messages)

/** Reads the editor's state so that it is read again after every transaction. */
export type EditorState = <T>(read: (e: Editor) => T) => T

function MoreItem(props: { tool: Tool; editor: Editor; state: EditorState }) {
  const label = () => (
    <>
      <props.tool.icon size={16} />
      {t(props.tool.label)}
    </>
  )
  const run = () => props.tool.run(props.editor)
  return (
    <Show when={props.tool.active} fallback={<MenuItem onSelect={run}>{label()}</MenuItem>}>
      {(active) => (
        <MenuCheckboxItem
          checked={props.state(active())}
          disabled={props.tool.enabled ? !props.state(props.tool.enabled) : false}
          class={`${MENU_ITEM} aria-checked:text-primary aria-disabled:cursor-default aria-disabled:opacity-40`}
          onSelect={run}
        >
          {label()}
        </MenuCheckboxItem>
      )}
    </Show>
  )
}

/**
 * On phones, the toolbar's less-used tools (`more`) in a menu button at its end (the WAI-ARIA menu
 * of ui/Menu: arrows, Escape, focus back on the button); wider screens show them in the bar.
 */
export function ToolbarMore(props: { tools: Tool[]; editor: Editor; state: EditorState; class: string }) {
  return (
    <div class={props.class}>
      <Menu
        label={t('toolbar.more')}
        triggerClass="grid size-9 place-items-center rounded-md text-fg hover:bg-subtle aria-expanded:bg-subtle"
        trigger={<Ellipsis size={18} />}
        align="end"
        contentClass="card max-h-64 w-60 overflow-y-auto p-1 shadow-lg"
      >
        <For each={props.tools}>
          {(tool) => <MoreItem tool={tool} editor={props.editor} state={props.state} />}
        </For>
      </Menu>
    </div>
  )
}
