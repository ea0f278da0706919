import { useLocation } from '@solidjs/router'
import { For } from 'solid-js'
import type { ReportKind } from '../../../../../edge/contract/reports.ts'
import type { TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { type ReportView, reportsFor, searchOf, switchTo } from '../report-url.ts'

const t = translator(messages)

/**
 * Which report the page shows, of those the person's `role` may read (`reportsFor`: attendance and
 * progress for all; payments, the support desk and the AI tutor for some): links, so the choice is in
 * the URL and each can be opened in a tab. Another report keeps the period, course and class.
 */
export function ReportPicker(props: { view: ReportView; role: TenantRole | null }) {
  const location = useLocation()
  const href = (report: ReportKind) => {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(searchOf(switchTo(props.view, report)))) {
      if (value !== undefined) search.set(key, value)
    }
    return search.size > 0 ? `${location.pathname}?${search}` : location.pathname
  }
  return (
    <nav aria-label={t('reports.choose')}>
      <ul class="inline-flex flex-wrap gap-1 rounded-xl border border-line bg-surface p-1">
        <For each={reportsFor(props.role)}>
          {(report) => (
            <li>
              <a
                href={href(report)}
                aria-current={props.view.report === report ? 'page' : undefined}
                class="block rounded-lg px-3 py-1.5 text-sm font-medium text-muted hover:underline aria-[current=page]:bg-primary aria-[current=page]:text-on-primary"
              >
                {t(`reports.kind.${report}`)}
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  )
}
