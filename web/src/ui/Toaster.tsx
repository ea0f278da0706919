import { Toast, toaster } from '@kobalte/core/toast'
import CircleAlert from 'lucide-solid/icons/circle-alert'
import CircleCheck from 'lucide-solid/icons/circle-check'
import X from 'lucide-solid/icons/x'
import { Portal } from 'solid-js/web'
import { translator } from '../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

const t = translator(messages)

type Tone = 'success' | 'error'

function show(tone: Tone, title: string, description?: string) {
  return toaster.show((props) => (
    // Divs, not Kobalte's ol > li: each toast is role=status, which left the list with no list items.
    <Toast
      as="div"
      toastId={props.toastId}
      duration={tone === 'error' ? 8000 : 4000}
      class="card flex w-full items-start gap-3 p-4 shadow-lg data-[closed]:opacity-0 data-[opened]:animate-[toast-in_150ms_ease-out] data-[swipe=end]:translate-x-[var(--kb-toast-swipe-end-x)]"
    >
      <span class={tone === 'success' ? 'text-success' : 'text-danger'}>
        {tone === 'success' ? <CircleCheck size={20} /> : <CircleAlert size={20} />}
      </span>
      <div class="min-w-0 flex-1">
        <Toast.Title class="text-sm font-semibold">{title}</Toast.Title>
        {description && (
          <Toast.Description class="mt-0.5 text-sm text-muted">{description}</Toast.Description>
        )}
      </div>
      <Toast.CloseButton
        class="rounded p-1 text-muted hover:bg-subtle hover:text-fg"
        aria-label={t('toast.dismiss')}
      >
        <X size={16} />
      </Toast.CloseButton>
    </Toast>
  ))
}

/** Short confirmations ("Invitation sent") and failures that are not tied to a form. */
export const toast = {
  success: (title: string, description?: string) => show('success', title, description),
  error: (title: string, description?: string) => show('error', title, description),
}

/** Where toasts appear (bottom right; bottom on phones). Mount once. */
export function ToastRegion() {
  return (
    <Portal>
      <Toast.Region aria-label={t('toast.region')} swipeDirection="right">
        <Toast.List
          as="div"
          class="fixed right-0 bottom-0 z-[60] m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none"
        />
      </Toast.Region>
    </Portal>
  )
}
