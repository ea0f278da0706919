import { A, createAsync } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Lock from 'lucide-solid/icons/lock'
import { type JSX, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton, Skeleton } from '../../ui/Skeleton.tsx'
import { getAiSettings, getAiUsage } from './AiSettings.data.ts'
import { BudgetForm } from './components/BudgetForm.tsx'
import { ProviderList } from './components/ProviderList.tsx'
import { UsageTable } from './components/UsageTable.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

function Section(props: { id: string; title: string; text: string; children: JSX.Element }) {
  return (
    <section aria-labelledby={`${props.id}-heading`} id={props.id} class="scroll-mt-24">
      <h2 id={`${props.id}-heading`} class="text-lg font-semibold">
        {props.title}
      </h2>
      <p class="mt-1 mb-4 text-sm text-muted">{props.text}</p>
      {props.children}
    </section>
  )
}

/** /t/:slug/settings/ai — owners and admins: the tutor's providers in order, the budget, the usage. */
export default function AiSettings() {
  const tenant = useTenant()
  usePageTitle(() => t('settings.docTitle', { school: tenant().name }))
  return (
    <Show
      when={isAdminRole(tenant().role)}
      fallback={
        <EmptyState icon={<Lock size={28} />} title={t('settings.forbidden')}>
          {t('settings.forbiddenText', { school: tenant().name })}
        </EmptyState>
      }
    >
      <Sections />
    </Show>
  )
}

function Sections() {
  const tenant = useTenant()
  const settings = createAsync(() => getAiSettings(tenant().id))
  const usage = createAsync(() => getAiUsage(tenant().id))
  return (
    <div class="max-w-4xl space-y-10">
      <div>
        <A href={`/t/${tenant().slug}/settings`} class="link mb-3 inline-flex items-center gap-1 text-sm">
          <ArrowLeft size={14} aria-hidden="true" />
          {t('settings.back')}
        </A>
        <h1 class="text-2xl font-bold tracking-tight">{t('settings.title')}</h1>
        <p class="mt-1 text-sm text-muted">{t('settings.intro')}</p>
      </div>
      <Section id="providers" title={t('providers.title')} text={t('providers.text')}>
        <Boundary keys={getAiSettings.keyFor(tenant().id)} fallback={<ListSkeleton rows={2} />}>
          <Show when={settings()}>{(s) => <ProviderList settings={s()} />}</Show>
        </Boundary>
      </Section>
      <Section id="budget" title={t('budget.title')} text={t('budget.text')}>
        <Boundary
          keys={getAiSettings.keyFor(tenant().id)}
          fallback={<Skeleton class="h-40 w-full rounded-xl" />}
        >
          <Show when={settings()}>{(s) => <BudgetForm settings={s()} />}</Show>
        </Boundary>
      </Section>
      <Section id="usage" title={t('usage.title')} text={t('usage.text')}>
        <Boundary keys={getAiUsage.keyFor(tenant().id)} fallback={<ListSkeleton rows={3} />}>
          <Show when={usage()}>{(u) => <UsageTable usage={u()} />}</Show>
        </Boundary>
        <A href={`/t/${tenant().slug}/reports?report=tutor`} class="link mt-3 inline-block text-sm">
          {t('usage.toReports')}
        </A>
      </Section>
    </div>
  )
}
