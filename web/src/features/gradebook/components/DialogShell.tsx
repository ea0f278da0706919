// Namespace import: `Dialog.Content` of the merged `Dialog` object becomes an alertdialog once
// Kobalte's AlertDialog is loaded (it assigns its parts onto the shared root).
import * as Dialog from '@kobalte/core/dialog'
import X from 'lucide-solid/icons/x'
import { type JSX, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../../../ui/messages.ts'
import { returnFocusToOpener } from '../../../ui/return-focus.ts'

const t = translator(messages)

/**
 * The frame of the gradebook's dialogs (a modal with a title, a close button and a body that
 * scrolls): the override form is narrow, the categories editor wide. Focus goes back to the cell
 * or button that opened it.
 */
export function DialogShell(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: JSX.Element
  wide?: boolean
  children: JSX.Element
}) {
  const returnFocus = returnFocusToOpener()
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-50 bg-black/50 backdrop-blur-[1px]" />
        <div class="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
          <Dialog.Content
            class={`card flex max-h-[calc(100dvh-2rem)] w-full flex-col shadow-xl ${props.wide ? 'max-w-3xl' : 'max-w-lg'}`}
            {...returnFocus}
          >
            <div class="flex items-start justify-between gap-4 px-6 pt-6">
              <Dialog.Title class="text-lg font-semibold">{props.title}</Dialog.Title>
              <Dialog.CloseButton class="btn-ghost -mt-2 -mr-2 size-9 px-0" aria-label={t('close')}>
                <X size={18} />
              </Dialog.CloseButton>
            </div>
            <Show when={props.description}>
              <Dialog.Description as="div" class="mt-1 px-6 text-sm text-muted">
                {props.description}
              </Dialog.Description>
            </Show>
            <div class="min-h-0 flex-1 overflow-y-auto px-6 pt-4 pb-6">{props.children}</div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
