import { A, createAsync } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { Child } from '../../../../edge/contract/guardians.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { getCourses } from '../courses/api.ts'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/**
 * The school's paid courses the child does not have, each with "Pay for this course": the pay page
 * with the child preselected in its "Buy for" choice (BuyFor, `?for=`).
 */
export function ChildPay(props: { child: Child }) {
  const tenant = useTenant()
  const courses = createAsync(() => getCourses(tenant().id))
  const open = () => (courses() ?? []).filter((c) => !c.is_free && !props.child.course_ids.includes(c.id))
  return (
    <Show when={courses()}>
      <Show when={open().length > 0} fallback={<p class="text-sm text-muted">{t('child.buyNone')}</p>}>
        <ul class="divide-y divide-line text-sm">
          <For each={open()}>
            {(c) => (
              <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                <span class="font-medium">{c.title}</span>
                <A
                  class="btn-secondary min-h-9 px-3"
                  href={`/t/${tenant().slug}/courses/${c.id}/pay?for=${props.child.user_id}`}
                  aria-label={t('child.payLabel', { course: c.title, name: props.child.display_name })}
                >
                  {t('child.pay')}
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  )
}
