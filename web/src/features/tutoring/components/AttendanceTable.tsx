import { For, Show } from 'solid-js'
import type { AttendanceRow } from '../../../../../edge/contract/tutoring.ts'
import { roomRoleLabel } from '../../../lib/format.ts'
import { intlLocale, translator } from '../../../lib/i18n/i18n.ts'
import { dateTimeFormat } from '../../../lib/intl-cache.ts'
import { messages } from '../messages.ts'
import { formatDuration, formatShortDateTime } from '../tutoring-time.ts'

const t = translator(messages)

const time = (iso: string | null, zone: string) =>
  iso
    ? dateTimeFormat(intlLocale(), { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(
        Date.parse(iso),
      )
    : '—'

/** Who was in the room: first join, last leave, total time and each stay; booked students who never came too. */
export function AttendanceTable(props: { rows: AttendanceRow[]; zone: string }) {
  return (
    <Show when={props.rows.length > 0} fallback={<p class="text-sm text-muted">{t('attendance.nobody')}</p>}>
      <p class="mb-2 text-sm text-muted">{t('attendance.zone', { zone: props.zone })}</p>
      <div class="-mx-4 overflow-x-auto sm:mx-0">
        <table class="w-full min-w-[36rem] text-left text-sm">
          <caption class="sr-only">{t('attendance.caption')}</caption>
          <thead class="border-b border-line text-xs text-muted uppercase">
            <tr>
              <th scope="col" class="px-4 py-2 font-medium sm:pl-0">
                {t('attendance.who')}
              </th>
              <th scope="col" class="px-2 py-2 font-medium">
                {t('attendance.firstJoin')}
              </th>
              <th scope="col" class="px-2 py-2 font-medium">
                {t('attendance.lastLeave')}
              </th>
              <th scope="col" class="px-2 py-2 font-medium">
                {t('attendance.timeInRoom')}
              </th>
              <th scope="col" class="px-4 py-2 font-medium sm:pr-0">
                {t('attendance.stays')}
              </th>
            </tr>
          </thead>
          <tbody class="divide-y divide-line">
            <For each={props.rows}>
              {(row) => (
                <tr data-testid="attendance-row">
                  <th scope="row" class="px-4 py-2 font-medium sm:pl-0">
                    {row.name ?? t('attendance.someone')}
                    <span class="block text-xs font-normal text-muted">
                      {roomRoleLabel(row.role)}
                      {row.booked && row.stays.length === 0 ? ` · ${t('attendance.noShow')}` : ''}
                    </span>
                  </th>
                  <td class="px-2 py-2 tabular-nums">{time(row.first_joined_at, props.zone)}</td>
                  <td class="px-2 py-2 tabular-nums">
                    {row.first_joined_at && !row.last_left_at
                      ? t('attendance.stillIn')
                      : time(row.last_left_at, props.zone)}
                  </td>
                  <td class="px-2 py-2 tabular-nums">{formatDuration(row.total_seconds)}</td>
                  <td class="px-4 py-2 sm:pr-0">
                    <Show when={row.stays.length > 0} fallback="—">
                      <details>
                        <summary class="cursor-pointer text-link">{row.stays.length}</summary>
                        <ul class="mt-1 space-y-0.5 text-xs text-muted">
                          <For each={row.stays}>
                            {(stay) => (
                              <li class="tabular-nums">
                                {formatShortDateTime(stay.joined_at, props.zone)} –{' '}
                                {time(stay.left_at, props.zone)}
                              </li>
                            )}
                          </For>
                        </ul>
                      </details>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  )
}
