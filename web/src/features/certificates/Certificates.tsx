import { createAsync } from '@solidjs/router'
import Award from 'lucide-solid/icons/award'
import { For, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { getMyCertificates } from './Certificates.data.ts'
import { CertificateCard } from './components/CertificateCard.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** /t/:slug/certificates — your certificates from the school (and your linked children's), to download and share. */
export default function Certificates() {
  const tenant = useTenant()
  usePageTitle(() => t('mine.docTitle', { school: tenant().name }))
  return (
    <div class="max-w-4xl space-y-6">
      <div>
        <h1 class="text-2xl font-bold tracking-tight">{t('mine.title')}</h1>
        <p class="mt-1 text-sm text-muted">{t('mine.intro', { school: tenant().name })}</p>
      </div>
      <Boundary keys={getMyCertificates.keyFor(tenant().id)} fallback={<ListSkeleton rows={2} />}>
        <List tenantId={tenant().id} />
      </Boundary>
    </div>
  )
}

function List(props: { tenantId: string }) {
  const tenant = useTenant()
  const { session } = useApp()
  const list = createAsync(() => getMyCertificates(props.tenantId))
  return (
    <Show when={list()}>
      {(l) => (
        <Show
          when={l().items.length > 0}
          fallback={
            <EmptyState icon={<Award size={28} />} title={t('mine.emptyTitle')}>
              {t('mine.emptyText')}
            </EmptyState>
          }
        >
          <ul class="space-y-3" aria-label={t('mine.label', { school: tenant().name })}>
            <For each={l().items}>
              {(c) => <CertificateCard certificate={c} showStudent={c.user_id !== session.user()?.id} />}
            </For>
          </ul>
        </Show>
      )}
    </Show>
  )
}
