import { createAsync, query } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { schoolDataMessages } from './school-data-messages.ts'
import { longDate } from './school-deletion.ts'

const t = translator(schoolDataMessages)

const getPendingDeletions = query(() => api().get('/admin/school-deletions'), 'pendingSchoolDeletions')

/** The console's list of schools whose deletion is planned, soonest first (superadmins). */
export default function PendingSchoolDeletions() {
  const pending = createAsync(() => getPendingDeletions())
  return (
    <section aria-labelledby="pending-deletions-title" class="mt-8">
      <h2 id="pending-deletions-title" class="mb-3 text-lg font-semibold">
        {t('admin.title')}
      </h2>
      <Show when={pending()}>
        {(p) => (
          <Show when={p().schools.length > 0} fallback={<p class="text-sm text-muted">{t('admin.empty')}</p>}>
            <div class="card overflow-x-auto">
              <table class="w-full text-sm">
                <thead>
                  <tr class="border-b border-line text-left text-muted">
                    <th scope="col" class="px-4 py-2 font-medium">
                      {t('admin.school')}
                    </th>
                    <th scope="col" class="px-4 py-2 font-medium">
                      {t('admin.due')}
                    </th>
                    <th scope="col" class="px-4 py-2 font-medium">
                      {t('admin.asked')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={p().schools}>
                    {(s) => (
                      <tr class="border-b border-line last:border-0">
                        <td class="px-4 py-2">
                          <span class="font-medium">{s.name}</span> <span class="text-muted">/{s.slug}</span>
                        </td>
                        <td class="px-4 py-2">{longDate(s.due_at)}</td>
                        <td class="px-4 py-2">{s.requested_by_name ?? ''}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </section>
  )
}
