import { A } from '@solidjs/router'
import ScrollText from 'lucide-solid/icons/scroll-text'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { auditMessages } from '../audit-messages.ts'

const t = translator(auditMessages)

/** The settings page's way to the audit log. */
export function AuditLink() {
  const tenant = useTenant()
  return (
    <section aria-labelledby="settings-audit" class="card mt-6 p-5 sm:p-6">
      <h2 id="settings-audit" class="flex items-center gap-2 font-semibold">
        <ScrollText size={18} aria-hidden="true" class="text-primary" />
        {t('audit.settingsTitle')}
      </h2>
      <p class="mt-1 text-sm text-muted">{t('audit.settingsText')}</p>
      <A href={`/t/${tenant().slug}/audit`} class="btn-secondary mt-3">
        {t('audit.settingsLink')}
      </A>
    </section>
  )
}
