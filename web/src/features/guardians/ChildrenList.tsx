import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { Child } from '../../../../edge/contract/guardians.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Avatar } from '../../ui/Avatar.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * A parent's home: "Your children", each with a link to their page (progress, grades, sessions), how
 * many of the school's courses they have, and a link to their grades in each of those courses.
 */
export function ChildrenList(props: { kids: readonly Child[] }) {
  const tenant = useTenant()
  return (
    <section aria-labelledby="home-children" class="card p-4">
      <h2 id="home-children" class="font-semibold">
        {t('children.title')}
      </h2>
      <ul class="mt-3 divide-y divide-line">
        <For each={props.kids}>
          {(child) => (
            <li class="flex items-center gap-3 py-2">
              <Avatar userId={child.user_id} name={child.display_name} />
              <div class="min-w-0">
                <A class="link truncate font-medium" href={`/t/${tenant().slug}/children/${child.user_id}`}>
                  {t('children.view', { name: child.display_name })}
                </A>
                <p class="text-sm text-muted">{t('children.courses', { count: child.course_ids.length })}</p>
                <Show when={child.courses.length > 0}>
                  <ul class="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                    <For each={child.courses}>
                      {(course) => (
                        <li>
                          <A
                            class="link"
                            href={`/t/${tenant().slug}/courses/${course.id}/grades?student=${child.user_id}`}
                          >
                            {t('children.grades', { course: course.title })}
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </div>
            </li>
          )}
        </For>
      </ul>
    </section>
  )
}
