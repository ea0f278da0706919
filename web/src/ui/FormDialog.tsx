// Namespace import: `Dialog.Content` of the merged `Dialog` object becomes an alertdialog once
// Kobalte's AlertDialog is loaded (it assigns its parts onto the shared root).
import * as Dialog from '@kobalte/core/dialog'
import X from 'lucide-solid/icons/x'
import { type JSX, Show } from 'solid-js'
import { translator } from '../lib/i18n/i18n.ts'
import { Button } from './Button.tsx'
import { FormError } from './FormAlert.tsx'
import { createForm, type FormController } from './form.ts'
import { messages } from './messages.ts'
import { returnFocusToOpener } from './return-focus.ts'

const t = translator(messages)

export type FormDialogProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: JSX.Element
  /** The fields; the first input gets focus when the dialog opens. */
  children: JSX.Element
  submitLabel: string
} & (
  | {
      /**
       * Runs on submit. Return false to keep the dialog open; a thrown error is shown in the
       * dialog; anything else closes it.
       */
      onSubmit: () => unknown
      form?: undefined
    }
  | {
      /** A createForm() flow with its own checks and field errors; the dialog closes when it succeeds. */
      form: FormController
      onSubmit?: undefined
    }
)

/** A small modal form (publish note, link address, image address) with its own submit and error. */
export function FormDialog(props: FormDialogProps) {
  const own = createForm({ submit: () => props.onSubmit?.() })
  const form = () => props.form ?? own
  const returnFocus = returnFocusToOpener()
  const submit = async (e: SubmitEvent) => {
    if (await form().onSubmit(e)) props.onOpenChange(false)
  }
  return (
    <Dialog.Root
      open={props.open}
      onOpenChange={(open) => {
        if (!open) form().clear()
        props.onOpenChange(open)
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-50 bg-black/50 backdrop-blur-[1px]" />
        <div class="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
          <Dialog.Content class="card w-full max-w-md p-6 shadow-xl" {...returnFocus}>
            <div class="flex items-start justify-between gap-4">
              <Dialog.Title class="text-lg font-semibold">{props.title}</Dialog.Title>
              <Dialog.CloseButton class="btn-ghost -mt-2 -mr-2 size-9 px-0" aria-label={t('close')}>
                <X size={18} />
              </Dialog.CloseButton>
            </div>
            <Show when={props.description}>
              <Dialog.Description as="div" class="mt-1 text-sm text-muted">
                {props.description}
              </Dialog.Description>
            </Show>
            <form ref={form().ref} onSubmit={submit} noValidate class="mt-4 space-y-4">
              {props.children}
              <FormError form={form()} />
              <div class="flex flex-col-reverse gap-3 pt-2 sm:flex-row sm:justify-end">
                <Dialog.CloseButton class="btn-secondary" aria-label={t('cancel')}>
                  {t('cancel')}
                </Dialog.CloseButton>
                <Button type="submit" pending={form().pending()}>
                  {props.submitLabel}
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
