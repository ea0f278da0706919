import { AlertDialog } from '@kobalte/core/alert-dialog'
import { createSignal } from 'solid-js'
import { errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Button } from '../Button.tsx'
import type { ConfirmDialogProps } from '../ConfirmDialog.tsx'
import { FormAlert } from '../FormAlert.tsx'
import { messages } from '../messages.ts'
import { returnFocusToOpener } from '../return-focus.ts'

const t = translator(messages)

/** The dialog itself (Kobalte), loaded by ConfirmDialog.tsx when it first opens. */
export default function ConfirmDialogView(props: ConfirmDialogProps) {
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const returnFocus = returnFocusToOpener()
  const confirm = async () => {
    setPending(true)
    setError()
    try {
      await props.onConfirm()
      props.onOpenChange(false)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPending(false)
    }
  }
  return (
    <AlertDialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setError()
        props.onOpenChange(open)
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay class="fixed inset-0 z-50 bg-black/50 backdrop-blur-[1px]" />
        <div class="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
          <AlertDialog.Content class="card w-full max-w-md p-6 shadow-xl" {...returnFocus}>
            <AlertDialog.Title class="text-lg font-semibold">{props.title}</AlertDialog.Title>
            <AlertDialog.Description as="div" class="mt-2 text-sm text-muted">
              {props.children}
            </AlertDialog.Description>
            {error() && (
              <FormAlert class="mt-4">
                <p>{error()}</p>
              </FormAlert>
            )}
            <div class="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
              {/* Kobalte names a close button "Dismiss" unless told: the name must hold the text shown. */}
              <AlertDialog.CloseButton class="btn-secondary" aria-label={props.dismissLabel ?? t('cancel')}>
                {props.dismissLabel ?? t('cancel')}
              </AlertDialog.CloseButton>
              <Button variant={props.danger ? 'danger' : 'primary'} pending={pending()} onClick={confirm}>
                {props.confirmLabel}
              </Button>
            </div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog>
  )
}
