import { createAsync } from '@solidjs/router'
import { createEffect, createSignal, Show, untrack } from 'solid-js'
import type { ReportScope } from '../../../../../edge/contract/reports.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { getClasses } from '../../classes/api.ts'
import { getCourses } from '../../courses/api.ts'
import { groupOptions } from '../labels.ts'
import { messages } from '../messages.ts'
import { FILTERS, type ReportView, viewOf } from '../report-url.ts'

const t = translator(messages)

/** What the filters need of the report on screen: its days and what it covers. */
export interface ShownReport {
  scope: ReportScope
  from_day: string
  to_day: string
  total_rows: number
}

/**
 * The report's period, grouping (the report's own: by session… for attendance, by course… for
 * progress, by payment… for payments, by agent… for the support desk, by course… for the AI tutor),
 * course and class where the report has them (`FILTERS`). Course and class are offered to those who
 * see more than themselves or their children; empty days take the period on screen (the last 30 days).
 */
export function ReportFilters(props: {
  tenantId: string
  view: ReportView
  shown?: ShownReport
  onApply: (view: ReportView) => void
}) {
  const [from, setFrom] = createSignal(props.view.from ?? '')
  const [to, setTo] = createSignal(props.view.to ?? '')
  const [group, setGroup] = createSignal<string>(props.view.group)
  const [course, setCourse] = createSignal(props.view.course ?? '')
  const [klass, setKlass] = createSignal(props.view.class ?? '')
  const [error, setError] = createSignal<string>()
  const wide = () => props.shown?.scope === 'school' || props.shown?.scope === 'teacher'
  const has = () => FILTERS[props.view.report]
  const courses = createAsync(async () =>
    wide() && has().course ? getCourses(props.tenantId).catch(() => []) : [],
  )
  const classes = createAsync(async () =>
    wide() && has().class ? getClasses(props.tenantId).catch(() => []) : [],
  )
  createEffect(() => {
    const r = props.shown
    if (!r) return
    untrack(() => {
      if (!from()) setFrom(r.from_day)
      if (!to()) setTo(r.to_day)
    })
  })
  const any = { value: '', label: t('filters.any') }

  return (
    <form
      aria-label={t('filters.label')}
      class="card flex flex-wrap items-start gap-3 p-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        if (from() && to() && to() < from()) return setError(t('filters.endBeforeStart'))
        setError()
        props.onApply(
          viewOf({
            report: props.view.report,
            from: from() || undefined,
            to: to() || undefined,
            group: group(),
            course: course() || undefined,
            class: klass() || undefined,
          }),
        )
      }}
    >
      <TextField label={t('filters.from')} type="date" value={from()} onValue={setFrom} class="w-40" />
      <TextField
        label={t('filters.to')}
        type="date"
        value={to()}
        onValue={setTo}
        error={error()}
        class="w-40"
      />
      <SelectField
        label={t('filters.group')}
        value={group()}
        onValue={setGroup}
        options={groupOptions(props.view.report)}
        class="w-48"
      />
      <Show when={(courses() ?? []).length > 0}>
        <SelectField
          label={t('filters.course')}
          value={course()}
          onValue={setCourse}
          options={[any, ...(courses() ?? []).map((c) => ({ value: c.id, label: c.title }))]}
          class="w-56"
        />
      </Show>
      <Show when={(classes() ?? []).length > 0}>
        <SelectField
          label={t('filters.class')}
          value={klass()}
          onValue={setKlass}
          options={[any, ...(classes() ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          class="w-48"
        />
      </Show>
      <Button type="submit" variant="secondary" class="mt-6.5">
        {t('filters.show')}
      </Button>
    </form>
  )
}
