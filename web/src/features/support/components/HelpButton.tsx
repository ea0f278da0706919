import { useLocation } from '@solidjs/router'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import { createSignal, Show } from 'solid-js'
import type { TicketContext } from '../../../../../edge/contract/support.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { schoolSlugOf } from '../../../lib/navigation.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { messages } from '../messages.ts'
import { isSupportStaff, ticketContextFor } from '../support-context.ts'
import { NewTicketDialog, preloadNewTicketDialog } from './LazyNewTicketDialog.tsx'

const t = translator(messages)

/**
 * "Help" in the header on every page of a school the person belongs to: a new-ticket dialog that
 * carries where they were (the page, its title, and the course or lesson).
 */
export function HelpButton() {
  const { tenant } = useApp()
  const location = useLocation()
  const [open, setOpen] = createSignal(false)
  const [context, setContext] = createSignal<TicketContext>()
  const membership = () => tenant.membershipFor(schoolSlugOf(location.pathname))

  return (
    <Show when={membership()}>
      {(m) => (
        <>
          <button
            type="button"
            class="btn-ghost size-10 px-0 sm:w-auto sm:px-3"
            aria-haspopup="dialog"
            onPointerEnter={() => void preloadNewTicketDialog()}
            onFocus={() => void preloadNewTicketDialog()}
            onClick={() => {
              setContext(ticketContextFor(location.pathname, document.title))
              setOpen(true)
            }}
          >
            <LifeBuoy size={18} aria-hidden="true" />
            <span class="sr-only sm:not-sr-only">{t('help.button')}</span>
          </button>
          <NewTicketDialog
            open={open()}
            onOpenChange={setOpen}
            tenantId={m().tenant_id}
            slug={m().tenant_slug}
            context={context()}
            staff={isSupportStaff(m().role)}
          />
        </>
      )}
    </Show>
  )
}
