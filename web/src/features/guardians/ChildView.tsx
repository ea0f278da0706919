import { createAsync } from '@solidjs/router'
import { Show } from 'solid-js'
import type { Child } from '../../../../edge/contract/guardians.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { getChildOverview } from './api.ts'
import { ChildActivity } from './ChildActivity.tsx'
import { ChildCourses } from './ChildCourses.tsx'
import { ChildGrades } from './ChildGrades.tsx'
import { ChildPay } from './ChildPay.tsx'
import { Section } from './ChildSection.tsx'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/** One linked child's overview, read-only: courses, grades, sessions, attendance, alerts, and buying. */
export function ChildView(props: { child: Child }) {
  const tenant = useTenant()
  const overview = createAsync(() => getChildOverview(tenant().id, props.child.user_id))
  return (
    <Show when={overview()}>
      {(o) => (
        <div class="space-y-6">
          <h2 class="text-xl font-semibold">{o().child.display_name}</h2>
          <Section id="child-courses" title={t('child.courses')}>
            <ChildCourses childId={o().child.user_id} courses={o().courses} />
          </Section>
          <Section id="child-grades" title={t('child.grades')}>
            <ChildGrades grades={o().grades} />
          </Section>
          <ChildActivity overview={o()} />
          <Section id="child-buy" title={t('child.buy', { name: o().child.display_name })}>
            <ChildPay child={props.child} />
          </Section>
        </div>
      )}
    </Show>
  )
}
