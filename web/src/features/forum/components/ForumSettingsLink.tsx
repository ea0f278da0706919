import { A } from '@solidjs/router'
import ShieldCheck from 'lucide-solid/icons/shield-check'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The school settings page's way to the forum safety settings. */
export function ForumSettingsLink() {
  const tenant = useTenant()
  return (
    <section aria-labelledby="settings-forum" class="card mt-6 p-5 sm:p-6">
      <h2 id="settings-forum" class="flex items-center gap-2 font-semibold">
        <ShieldCheck size={18} aria-hidden="true" class="text-primary" />
        {t('settings.title')}
      </h2>
      <p class="mt-1 text-sm text-muted">{t('settings.linkText')}</p>
      <A href={`/t/${tenant().slug}/settings/forum`} class="btn-secondary mt-3">
        {t('settings.link')}
      </A>
    </section>
  )
}
