import { createAsync, useSearchParams } from '@solidjs/router'
import { createMemo, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { getAttendance } from './api.ts'
import { AttendanceResult } from './components/AttendanceResult.tsx'
import { ExportPanel } from './components/ExportPanel.tsx'
import { ReportFilters } from './components/ReportFilters.tsx'
import { WeeklyCharts } from './components/WeeklyCharts.tsx'
import { messages } from './messages.ts'
import { type AttendanceView, searchOf, viewOf } from './report-url.ts'

const t = translator(messages)

/**
 * /t/:slug/reports — the last 12 weeks as charts (each with its numbers as a table), then the attendance report over a period, by session, student, class or seat, with
 * its filters in the URL, and exports of it (CSV, XLSX, PDF) made in the background. What a person
 * sees is decided by the database (the whole school, a teacher's sessions, a parent's children).
 */
export default function Reports() {
  const tenant = useTenant()
  const [search, setSearch] = useSearchParams()
  const view = createMemo(() => viewOf(search))
  const report = createAsync(() => getAttendance(tenant().id, view()))
  usePageTitle(() => t('reports.docTitle', { school: tenant().name }))
  const show = (next: AttendanceView) => setSearch(searchOf(next))

  return (
    <div class="space-y-6">
      <div>
        <h1 class="text-2xl font-bold tracking-tight">{t('reports.title')}</h1>
        <p class="mt-1 text-sm text-muted">{t('reports.intro')}</p>
        <Show when={report.latest}>
          {(r) => <p class="mt-1 text-sm text-muted">{t(`reports.scope.${r().scope}`)}</p>}
        </Show>
      </div>
      <WeeklyCharts tenantId={tenant().id} />
      <h2 class="pt-2 text-lg font-semibold">{t('reports.attendance')}</h2>
      <ReportFilters tenantId={tenant().id} view={view()} shown={report.latest} onApply={show} />
      <Boundary keys={getAttendance.key} fallback={<PageSkeleton rows={4} />}>
        <Show when={report()}>
          {(r) => (
            <AttendanceResult report={r()} view={view()} onPage={(page) => show({ ...view(), page })} />
          )}
        </Show>
      </Boundary>
      <ExportPanel tenantId={tenant().id} view={view()} shown={report.latest} />
    </div>
  )
}
