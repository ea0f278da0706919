import { A } from '@solidjs/router'
import Users from 'lucide-solid/icons/users'
import { createSignal, Match, onMount, Switch } from 'solid-js'
import type { Child } from '../../../../edge/contract/guardians.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { getChildren } from '../guardians/api.ts'
import { ChildrenList } from '../guardians/ChildrenList.tsx'
import { HomeHeader } from './HomeHeader.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * A parent's home. Parents follow their linked children; until the school links a child to the
 * account, the page says how to get linked (never an "enrol" message without a way to act on it).
 */
export function ParentHome() {
  const tenant = useTenant()
  // Not a resource: the home never waits for (or fails with) the list; without it (failed) the page
  // says how to get linked.
  const [kids, setKids] = createSignal<readonly Child[]>()
  onMount(() => {
    getChildren(tenant().id).then(setKids, () => setKids([]))
  })
  return (
    <div class="space-y-8">
      <HomeHeader intro={t('parent.intro')} />
      <Switch>
        <Match when={kids()?.length}>
          <ChildrenList kids={kids() ?? []} />
        </Match>
        <Match when={kids()}>
          <NotLinked />
        </Match>
      </Switch>
    </div>
  )
}

function NotLinked() {
  const tenant = useTenant()
  return (
    <EmptyState icon={<Users size={28} />} title={t('parent.notLinked')}>
      <p>{t('parent.notLinkedText', { school: tenant().name })}</p>
      <div class="mt-4 flex flex-wrap justify-center gap-3">
        <A href={`/t/${tenant().slug}/support`} class="btn-primary">
          {t('parent.askSchool')}
        </A>
        <A href={`/t/${tenant().slug}/courses`} class="btn-secondary">
          {t('parent.courses')}
        </A>
      </div>
    </EmptyState>
  )
}
