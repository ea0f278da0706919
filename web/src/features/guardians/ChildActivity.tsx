import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { ChildOverview } from '../../../../edge/contract/guardians.ts'
import { formatDate, formatDateTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Section } from './ChildSection.tsx'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/** The child's upcoming sessions, attendance of past ones, and the AI tutor's alerts (count and date only). */
export function ChildActivity(props: { overview: ChildOverview }) {
  const attendance = () => props.overview.attendance
  const flags = () => props.overview.tutor_flags
  const tenant = useTenant()
  return (
    <>
      <Section id="child-sessions" title={t('child.sessions')}>
        <Show
          when={props.overview.upcoming_sessions.length > 0}
          fallback={<p class="text-sm text-muted">{t('child.noSessions')}</p>}
        >
          <ul class="divide-y divide-line text-sm">
            <For each={props.overview.upcoming_sessions}>
              {(s) => (
                <li class="flex flex-wrap items-baseline justify-between gap-2 py-2">
                  <span>
                    <span class="font-medium">{s.title}</span>
                    <Show when={s.tutor_name}>
                      <span class="text-muted"> {t('child.sessionWith', { tutor: s.tutor_name })}</span>
                    </Show>
                    <Show when={s.course_title}>
                      <span class="block text-xs text-muted">{s.course_title}</span>
                    </Show>
                  </span>
                  <span class="text-muted">
                    {s.status === 'live' ? t('child.live') : formatDateTime(s.starts_at)}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Section>
      <Section id="child-attendance" title={t('child.attendance')}>
        <Show
          when={attendance().sessions > 0}
          fallback={<p class="text-sm text-muted">{t('child.noAttendance')}</p>}
        >
          <p class="text-sm">
            {t('child.attended', { attended: attendance().attended, total: attendance().sessions })}
          </p>
          <ul class="mt-2 divide-y divide-line text-sm">
            <For each={attendance().recent}>
              {(r) => (
                <li class="flex items-baseline justify-between gap-2 py-1.5">
                  <span>
                    {r.title} <span class="text-muted">· {formatDate(r.starts_at)}</span>
                  </span>
                  <span class={r.attended ? 'text-success' : 'text-danger'}>
                    {r.attended ? t('child.present') : t('child.absent')}
                  </span>
                </li>
              )}
            </For>
          </ul>
          <A href={`/t/${tenant().slug}/reports?group=seat`} class="link mt-2 inline-block text-sm">
            {t('child.attendanceReport')}
          </A>
        </Show>
      </Section>
      <Section id="child-flags" title={t('child.flags')}>
        <Show when={flags().count > 0} fallback={<p class="text-sm text-muted">{t('child.noFlags')}</p>}>
          <p class="text-sm">
            {t('child.flagsCount', { count: flags().count })}{' '}
            {t('child.flagsLast', { date: formatDate(flags().last_flagged_at) })}
          </p>
        </Show>
        <p class="mt-2 text-xs text-muted">{t('child.flagsPrivacy')}</p>
      </Section>
    </>
  )
}
