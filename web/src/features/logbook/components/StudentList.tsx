import { A, createAsync } from '@solidjs/router'
import Users from 'lucide-solid/icons/users'
import { For, Show } from 'solid-js'
import { formatDate, formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { TableScroll } from '../../payments/components/TableScroll.tsx'
import { getLogbookStudents } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The teachers' way in: the course's students, the most recently active first, each a link to their logbook. */
export function StudentList(props: { courseId: string }) {
  const tenant = useTenant()
  const list = createAsync(() => getLogbookStudents(props.courseId))
  const href = (id: string) => `/t/${tenant().slug}/courses/${props.courseId}/logbook?student=${id}`
  return (
    <Show when={list()}>
      {(l) => (
        <section aria-labelledby="logbook-students" class="space-y-3">
          <h1 id="logbook-students" class="text-2xl font-bold tracking-tight">
            {t('students.title')}
          </h1>
          <Show
            when={l().students.length > 0}
            fallback={<EmptyState icon={<Users size={28} />} title={t('students.empty')} />}
          >
            <TableScroll label={t('students.title')}>
              <table class="w-full text-sm">
                <thead class="text-left text-muted">
                  <tr>
                    <th scope="col" class="px-4 py-2 font-medium">
                      {t('students.name')}
                    </th>
                    <th scope="col" class="px-4 py-2 text-right font-medium">
                      {t('students.entries')}
                    </th>
                    <th scope="col" class="px-4 py-2 font-medium">
                      {t('students.last')}
                    </th>
                    <th scope="col" class="px-4 py-2 text-right font-medium">
                      {t('students.comments')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={l().students}>
                    {(s) => (
                      <tr class="border-t border-line">
                        <th scope="row" class="px-4 py-2 text-left font-medium">
                          <A href={href(s.id)} class="link">
                            {s.name}
                          </A>
                        </th>
                        <td class="px-4 py-2 text-right tabular-nums">{formatNumber(s.entries)}</td>
                        <td class="px-4 py-2 whitespace-nowrap">
                          {s.last_entry_at ? formatDate(s.last_entry_at) : t('students.never')}
                        </td>
                        <td class="px-4 py-2 text-right tabular-nums">{formatNumber(s.comments)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableScroll>
          </Show>
        </section>
      )}
    </Show>
  )
}
