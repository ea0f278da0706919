import { A, createAsync } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Lock from 'lucide-solid/icons/lock'
import { type JSX, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton, Skeleton } from '../../ui/Skeleton.tsx'
import { AgentsTable } from './components/AgentsTable.tsx'
import { CalendarForm, Holidays } from './components/BusinessHours.tsx'
import { CannedReplies } from './components/CannedReplies.tsx'
import { SlaPolicies } from './components/SlaPolicies.tsx'
import { messages } from './messages.ts'
import { getAgents, getCannedReplies, getSlaSettings } from './SupportSettings.data.ts'
import { isSupportStaff } from './support-context.ts'

const t = translator(messages)

function Section(props: { id: string; title: string; text: string; children: JSX.Element }) {
  return (
    <section aria-labelledby={`${props.id}-heading`} class="scroll-mt-24" id={props.id}>
      <h2 id={`${props.id}-heading`} class="text-lg font-semibold">
        {props.title}
      </h2>
      <p class="mt-1 mb-4 text-sm text-muted">{props.text}</p>
      {props.children}
    </section>
  )
}

/** /t/:slug/support/settings — SLA policies, support hours, holidays, canned replies, agents. */
export default function SupportSettings() {
  const tenant = useTenant()
  usePageTitle(() => t('settings.pageTitle', { school: tenant().name }))
  return (
    <Show
      when={isSupportStaff(tenant().role)}
      fallback={
        <EmptyState icon={<Lock size={28} />} title={t('settings.onlyStaffTitle')}>
          {t('settings.onlyStaffText', { school: tenant().name })}
        </EmptyState>
      }
    >
      <Settings />
    </Show>
  )
}

function Settings() {
  const { session } = useApp()
  const tenant = useTenant()
  const admin = () => isAdminRole(tenant().role)
  const sla = createAsync(() => getSlaSettings(tenant().id))
  const canned = createAsync(() => getCannedReplies(tenant().id))
  const agents = createAsync(() => getAgents(tenant().id))
  const myId = () => session.userId() ?? ''
  return (
    <div class="space-y-10">
      <div>
        <A href={`/t/${tenant().slug}/support`} class="link mb-3 inline-flex items-center gap-1 text-sm">
          <ArrowLeft size={14} aria-hidden="true" />
          {t('queue.heading')}
        </A>
        <h1 class="text-2xl font-bold tracking-tight">{t('settings.heading')}</h1>
        <p class="mt-1 text-sm text-muted">{admin() ? t('settings.introAdmin') : t('settings.introStaff')}</p>
      </div>

      <Section id="sla" title={t('settings.slaTitle')} text={t('settings.slaText')}>
        <Boundary
          keys={getSlaSettings.keyFor(tenant().id)}
          fallback={<Skeleton class="h-64 w-full rounded-xl" />}
        >
          <Show when={sla()}>{(s) => <SlaPolicies policies={s().policies} canEdit={admin()} />}</Show>
        </Boundary>
      </Section>

      <Section id="hours" title={t('settings.hoursTitle')} text={t('settings.hoursText')}>
        <Boundary
          keys={getSlaSettings.keyFor(tenant().id)}
          fallback={<Skeleton class="h-48 w-full rounded-xl" />}
        >
          <Show when={sla()}>{(s) => <CalendarForm calendar={s().calendar} canEdit={admin()} />}</Show>
        </Boundary>
      </Section>

      <Section id="holidays" title={t('settings.holidaysTitle')} text={t('settings.holidaysText')}>
        <Boundary keys={getSlaSettings.keyFor(tenant().id)} fallback={<ListSkeleton rows={3} />}>
          <Show when={sla()}>{(s) => <Holidays holidays={s().holidays} canEdit={admin()} />}</Show>
        </Boundary>
      </Section>

      <Section id="canned" title={t('canned.heading')} text={t('settings.cannedText')}>
        <Boundary keys={getCannedReplies.keyFor(tenant().id)} fallback={<ListSkeleton rows={3} />}>
          <Show when={canned()}>
            {(list) => <CannedReplies replies={list()} myId={myId()} admin={admin()} />}
          </Show>
        </Boundary>
      </Section>

      <Section id="agents" title={t('settings.agentsTitle')} text={t('settings.agentsText')}>
        <Boundary keys={getAgents.keyFor(tenant().id)} fallback={<ListSkeleton rows={2} />}>
          <Show when={agents()}>
            {(list) => <AgentsTable agents={list()} myId={myId()} admin={admin()} />}
          </Show>
        </Boundary>
      </Section>
    </div>
  )
}
