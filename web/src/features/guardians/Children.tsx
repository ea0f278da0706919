import { A, createAsync, type RouteSectionProps } from '@solidjs/router'
import Users from 'lucide-solid/icons/users'
import { For, Show } from 'solid-js'
import type { Child } from '../../../../edge/contract/guardians.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Avatar } from '../../ui/Avatar.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { Page } from '../../ui/Page.tsx'
import { getChildOverview, getChildren } from './Children.data.ts'
import { ChildView } from './ChildView.tsx'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/**
 * /t/:slug/children[/:studentId] — a parent's children: a switcher when there are several, and the
 * chosen child's courses, grades, sessions, attendance and tutor alerts (the first child by default).
 */
export default function Children(props: RouteSectionProps) {
  const tenant = useTenant()
  const kids = createAsync(() => getChildren(tenant().id))
  return (
    <Page title={t('child.title')} description={t('child.intro')}>
      <Boundary keys={[getChildren.key, getChildOverview.key]}>
        <Show when={kids()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<NoChildren />}>
              <ChildrenPage kids={list()} wanted={props.params.studentId} />
            </Show>
          )}
        </Show>
      </Boundary>
    </Page>
  )
}

function ChildrenPage(props: { kids: readonly Child[]; wanted?: string }) {
  const chosen = () => props.kids.find((k) => k.user_id === props.wanted) ?? (props.kids[0] as Child)
  return (
    <div class="space-y-6">
      <Show when={props.kids.length > 1}>
        <Switcher kids={props.kids} chosen={chosen().user_id} />
      </Show>
      <Boundary keys={getChildOverview.key}>
        <ChildView child={chosen()} />
      </Boundary>
    </div>
  )
}

/** Links to each child's page; the chosen one is marked as the current page. */
function Switcher(props: { kids: readonly Child[]; chosen: string }) {
  const tenant = useTenant()
  return (
    <nav aria-label={t('child.switcher')}>
      <ul class="flex flex-wrap gap-2">
        <For each={props.kids}>
          {(kid) => (
            <li>
              <A
                href={`/t/${tenant().slug}/children/${kid.user_id}`}
                aria-current={kid.user_id === props.chosen ? 'page' : undefined}
                class={`flex min-h-11 items-center gap-2 rounded-full border px-3 py-1.5 text-sm ${
                  kid.user_id === props.chosen
                    ? 'border-primary bg-primary/10 font-semibold'
                    : 'border-line hover:bg-subtle'
                }`}
              >
                <Avatar userId={kid.user_id} name={kid.display_name} size="sm" />
                {kid.display_name}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  )
}

function NoChildren() {
  return (
    <EmptyState icon={<Users size={28} />} title={t('child.none')}>
      <p>{t('child.noneText')}</p>
    </EmptyState>
  )
}
