import MessageSquareText from 'lucide-solid/icons/message-square-text'
import { For, Show } from 'solid-js'
import type { CannedReply } from '../../../../../edge/contract/support.ts'
import { type CannedValues, fillCannedReply } from '../../../../../edge/contract/support-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Menu, MenuItem } from '../../../ui/Menu.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

const ITEM =
  'flex w-full cursor-pointer flex-col rounded-md px-3 py-2 text-left text-sm outline-none hover:bg-subtle focus:bg-subtle'

/** Staff pick a canned reply; its placeholders are filled (requester, agent, ticket, school) and it goes into the composer. */
export function CannedReplyPicker(props: {
  replies: CannedReply[]
  values: CannedValues
  onPick: (text: string) => void
}) {
  return (
    <Show when={props.replies.length > 0}>
      <Menu
        align="start"
        side="top"
        triggerClass="btn min-h-9 border border-line px-3 py-1.5 text-xs text-muted hover:bg-subtle"
        trigger={
          <>
            <MessageSquareText size={14} aria-hidden="true" />
            {t('canned.heading')}
          </>
        }
        contentClass="card max-h-80 w-[min(22rem,calc(100vw-1rem))] overflow-y-auto p-1 shadow-lg"
      >
        <For each={props.replies}>
          {(reply) => (
            <MenuItem class={ITEM} onSelect={() => props.onPick(fillCannedReply(reply.body, props.values))}>
              <span class="font-medium">{reply.title}</span>
              <span class="line-clamp-2 text-xs text-muted">{fillCannedReply(reply.body, props.values)}</span>
            </MenuItem>
          )}
        </For>
      </Menu>
    </Show>
  )
}
