import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import MessageSquareText from 'lucide-solid/icons/message-square-text'
import { For, Show } from 'solid-js'
import { type CannedReply, type CannedValues, fillCannedReply } from '../../../../../edge/contract/support.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const ITEM =
  'flex cursor-pointer flex-col rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-subtle'

/** Staff pick a canned reply; its placeholders are filled (requester, agent, ticket, school) and it goes into the composer. */
export function CannedReplyPicker(props: {
  replies: CannedReply[]
  values: CannedValues
  onPick: (text: string) => void
}) {
  return (
    <Show when={props.replies.length > 0}>
      {/* Not modal: a modal menu hides the rest of the page from screen readers while open. */}
      <DropdownMenu placement="top-start" modal={false}>
        <DropdownMenu.Trigger class="btn min-h-9 border border-line px-3 py-1.5 text-xs text-muted hover:bg-subtle">
          <MessageSquareText size={14} aria-hidden="true" />
          {t('canned.heading')}
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="card z-50 max-h-80 w-[min(22rem,calc(100vw-1rem))] overflow-y-auto p-1 shadow-lg outline-none">
            <For each={props.replies}>
              {(reply) => (
                <DropdownMenu.Item
                  class={ITEM}
                  textValue={reply.title}
                  onSelect={() => props.onPick(fillCannedReply(reply.body, props.values))}
                >
                  <span class="font-medium">{reply.title}</span>
                  <span class="line-clamp-2 text-xs text-muted">
                    {fillCannedReply(reply.body, props.values)}
                  </span>
                </DropdownMenu.Item>
              )}
            </For>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
    </Show>
  )
}
