import { A } from '@solidjs/router'
import HandCoins from 'lucide-solid/icons/hand-coins'
import { translator } from '../../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../../shell/state/TenantContext.tsx'
import { messages } from './messages.ts'

// The way into /t/:slug/sponsorships for other pages (the admin home, a partner's home): only this
// file and its catalogue load with them; the pages load when opened.

const t = translator(messages)

/** A card linking to the school's sponsorships, worded for an admin or for a partner. */
export function SponsorshipsLink() {
  const tenant = useTenant()
  return (
    <A
      href={`/t/${tenant().slug}/sponsorships`}
      class="card flex h-full items-start gap-3 p-4 hover:bg-subtle/60"
    >
      <span class="rounded-lg bg-primary/10 p-2 text-primary" aria-hidden="true">
        <HandCoins size={18} />
      </span>
      <span class="min-w-0">
        <span class="block font-semibold">{t('title')}</span>
        <span class="mt-1 block text-sm text-muted">
          {isAdminRole(tenant().role) ? t('adminText') : t('partnerText')}
        </span>
      </span>
    </A>
  )
}
