import { createAsync, useSearchParams } from '@solidjs/router'
import { createMemo, Match, Show, Switch } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { getAttendance, getPayments, getProgress, getSupportReport, getTutorReport } from './api.ts'
import { AttendanceResult } from './components/AttendanceResult.tsx'
import { ExportPanel } from './components/ExportPanel.tsx'
import { PaymentsResult } from './components/PaymentsResult.tsx'
import { ProgressResult } from './components/ProgressResult.tsx'
import { ReportFilters } from './components/ReportFilters.tsx'
import { ReportPicker } from './components/ReportPicker.tsx'
import { SupportResult } from './components/SupportResult.tsx'
import { TutorResult } from './components/TutorResult.tsx'
import { WeeklyCharts } from './components/WeeklyCharts.tsx'
import { scopeLine } from './labels.ts'
import { messages } from './messages.ts'
import { type ReportView, reportsFor, searchOf, switchTo, viewOf } from './report-url.ts'

const t = translator(messages)

/**
 * /t/:slug/reports — the last 12 weeks as charts (each with its numbers as a table), then a report
 * over a period: attendance (by session, student, class or seat), progress and grades (by course,
 * student, class or enrolment) or, for those whose role may read them (`reportsFor`), payments (by
 * payment, day or course), the support desk (by agent, category or ticket) and the AI tutor (by course,
 * student, day or provider); the report and its filters in the URL, and exports of it (CSV, XLSX,
 * PDF) made in the background. What a person sees is decided by the database (the whole school, a
 * teacher's sessions and courses, a parent's children).
 */
export default function Reports() {
  const tenant = useTenant()
  const [search, setSearch] = useSearchParams()
  // A report the role may not read, asked for by URL, gives way to attendance (the API would say 403).
  const view = createMemo(() => {
    const v = viewOf(search)
    return reportsFor(tenant().role).includes(v.report) ? v : switchTo(v, 'attendance')
  })
  const attendance = createAsync(async () => {
    const v = view()
    return v.report === 'attendance' ? getAttendance(tenant().id, v) : undefined
  })
  const progress = createAsync(async () => {
    const v = view()
    return v.report === 'progress' ? getProgress(tenant().id, v) : undefined
  })
  const payments = createAsync(async () => {
    const v = view()
    return v.report === 'payments' ? getPayments(tenant().id, v) : undefined
  })
  const support = createAsync(async () => {
    const v = view()
    return v.report === 'support' ? getSupportReport(tenant().id, v) : undefined
  })
  const tutor = createAsync(async () => {
    const v = view()
    return v.report === 'tutor' ? getTutorReport(tenant().id, v) : undefined
  })
  const shown = () => {
    switch (view().report) {
      case 'progress':
        return progress.latest
      case 'payments':
        return payments.latest
      case 'support':
        return support.latest
      case 'tutor':
        return tutor.latest
      case 'attendance':
        return attendance.latest
    }
  }
  usePageTitle(() => t('reports.docTitle', { school: tenant().name }))
  const show = (next: ReportView) => setSearch(searchOf(next))
  const onPage = (page: number) => show({ ...view(), page })

  return (
    <div class="space-y-6">
      <div>
        <h1 class="text-2xl font-bold tracking-tight">{t('reports.title')}</h1>
        <p class="mt-1 text-sm text-muted">{t('reports.intro')}</p>
        <Show when={shown()}>
          {(r) => <p class="mt-1 text-sm text-muted">{scopeLine(view().report, r().scope)}</p>}
        </Show>
      </div>
      <WeeklyCharts
        tenantId={tenant().id}
        course={view().course}
        onAllCourses={() => show({ ...view(), course: undefined, page: 1 })}
      />
      <div class="flex flex-wrap items-center justify-between gap-3 pt-2">
        <h2 class="text-lg font-semibold">{t(`reports.kind.${view().report}`)}</h2>
        <ReportPicker view={view()} role={tenant().role} />
      </div>
      {/* Keyed by the report: its groupings differ, so the form starts again from the URL. */}
      <Show when={view().report} keyed>
        {(_report) => <ReportFilters tenantId={tenant().id} view={view()} shown={shown()} onApply={show} />}
      </Show>
      <Boundary
        keys={[getAttendance.key, getProgress.key, getPayments.key, getSupportReport.key, getTutorReport.key]}
        fallback={<PageSkeleton rows={4} />}
      >
        <Switch>
          <Match when={view().report === 'attendance' && attendance()}>
            {(r) => <AttendanceResult report={r()} page={view().page} onPage={onPage} />}
          </Match>
          <Match when={view().report === 'progress' && progress()}>
            {(r) => <ProgressResult report={r()} page={view().page} onPage={onPage} />}
          </Match>
          <Match when={view().report === 'payments' && payments()}>
            {(r) => <PaymentsResult report={r()} page={view().page} onPage={onPage} />}
          </Match>
          <Match when={view().report === 'support' && support()}>
            {(r) => <SupportResult report={r()} page={view().page} onPage={onPage} />}
          </Match>
          <Match when={view().report === 'tutor' && tutor()}>
            {(r) => <TutorResult report={r()} page={view().page} onPage={onPage} />}
          </Match>
        </Switch>
      </Boundary>
      <ExportPanel tenantId={tenant().id} view={view()} shown={shown()} />
    </div>
  )
}
