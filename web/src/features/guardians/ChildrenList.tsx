import { For } from 'solid-js'
import type { Child } from '../../../../edge/contract/guardians.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Avatar } from '../../ui/Avatar.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** A parent's home: "Your children", each by name with how many of the school's courses they have. */
export function ChildrenList(props: { kids: readonly Child[] }) {
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
                <p class="truncate font-medium">{child.display_name}</p>
                <p class="text-sm text-muted">{t('children.courses', { count: child.course_ids.length })}</p>
              </div>
            </li>
          )}
        </For>
      </ul>
    </section>
  )
}
