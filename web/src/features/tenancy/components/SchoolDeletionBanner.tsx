import { A, createAsync } from '@solidjs/router'
import TriangleAlert from 'lucide-solid/icons/triangle-alert'
import { Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../../shell/state/TenantContext.tsx'
import { schoolDataMessages } from './school-data-messages.ts'
import { getSchoolDeletion, longDate } from './school-deletion.ts'

const t = translator(schoolDataMessages)

/** Above every page of a school whose deletion is planned, for its owners and admins. */
export default function SchoolDeletionBanner() {
  const tenant = useTenant()
  return (
    <Show when={isAdminRole(tenant().role)}>
      <Banner />
    </Show>
  )
}

function Banner() {
  const tenant = useTenant()
  const deletion = createAsync(() => getSchoolDeletion(tenant().id).catch(() => undefined))
  return (
    <Show when={deletion()?.due_at}>
      {(due) => (
        <div
          role="alert"
          class="mb-6 flex flex-wrap items-center gap-3 rounded-lg border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger"
        >
          <TriangleAlert size={18} aria-hidden="true" />
          <span class="flex-1">{t('banner.text', { date: longDate(due()) })}</span>
          <A href={`/t/${tenant().slug}/settings`} class="font-medium underline">
            {t('banner.link')}
          </A>
        </div>
      )}
    </Show>
  )
}
