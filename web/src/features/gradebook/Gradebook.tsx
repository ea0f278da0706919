import { A, createAsync, useParams, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import ClipboardList from 'lucide-solid/icons/clipboard-list'
import Download from 'lucide-solid/icons/download'
import Lock from 'lucide-solid/icons/lock'
import Settings2 from 'lucide-solid/icons/settings-2'
import Users from 'lucide-solid/icons/users'
import { createSignal, Match, Show, Switch } from 'solid-js'
import type { Gradebook as GradebookData } from '../../../../edge/contract/gradebook.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { getClass, getClasses } from '../classes/api.ts'
import { gradebookKey, keepGradebook } from './api.ts'
import { CategoriesDialog } from './components/CategoriesDialog.tsx'
import { GradebookTable } from './components/GradebookTable.tsx'
import { OverrideDialog } from './components/OverrideDialog.tsx'
import { csvFileName, toCsv } from './csv.ts'
import { loadGradebook } from './Gradebook.data.ts'
import { type CellTarget, isoDay, onlyStudents } from './grades.ts'
import { csvWords, t } from './words.ts'

/**
 * /t/:slug/courses/:courseId/gradebook — the course's teachers: every student's results, their
 * category averages, total and tutoring attendance; overrides (graders), categories (editors) and
 * a CSV export made from what is shown.
 */
export default function Gradebook() {
  const params = useParams()
  const tenant = useTenant()
  const courseId = () => params.courseId ?? ''
  const learner = () => tenant().role === 'student' || tenant().role === 'parent'
  return (
    <div class="space-y-6">
      <A
        href={`/t/${tenant().slug}/courses/${courseId()}`}
        class="link inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} aria-hidden="true" />
        {t('page.back')}
      </A>
      <Show
        when={!learner()}
        fallback={
          <EmptyState icon={<Lock size={28} />} title={t('page.notTeacherTitle')}>
            <p>{t('page.notTeacher')}</p>
            <A href={`/t/${tenant().slug}/courses/${courseId()}/grades`} class="btn-secondary mt-4">
              {t('page.toMyGrades')}
            </A>
          </EmptyState>
        }
      >
        <Boundary keys={gradebookKey(courseId())} fallback={<TableSkeleton />}>
          <GradebookView courseId={courseId()} />
        </Boundary>
      </Show>
    </div>
  )
}

function TableSkeleton() {
  return (
    <div class="space-y-4">
      <Skeleton class="h-8 w-56 max-w-full" />
      <Skeleton class="h-4 w-96 max-w-full" />
      <Skeleton class="h-96 w-full rounded-xl" />
    </div>
  )
}

function GradebookView(props: { courseId: string }) {
  const loaded = createAsync(() => loadGradebook(props.courseId))
  // A save answers the whole gradebook: shown until the loader itself brings a newer one.
  const [saved, setSaved] = createSignal<{ from: GradebookData; value: GradebookData }>()
  const gradebook = () => {
    const from = loaded()
    const last = saved()
    return from && last?.from === from ? last.value : from
  }
  const keep = (next: GradebookData) => {
    const from = loaded()
    if (from) setSaved({ from, value: next })
    keepGradebook(next)
  }
  // A class's rows only (?class=<id>): its students as the caller may see the class's list.
  const tenant = useTenant()
  const [search, setSearch] = useSearchParams<{ class?: string }>()
  const classes = createAsync(() => getClasses(tenant().id).catch(() => []))
  const students = createAsync(async () => {
    const id = search.class
    if (!id) return undefined
    const detail = await getClass(id).catch(() => undefined)
    return new Set(detail?.students.map((s) => s.user_id))
  })
  const shown = () => {
    const gb = gradebook()
    return gb && onlyStudents(gb, students())
  }
  const [target, setTarget] = createSignal<CellTarget>()
  const [editing, setEditing] = createSignal(false)
  usePageTitle(() => {
    const gb = gradebook()
    return gb ? t('page.docTitle', { course: gb.course_title }) : undefined
  })

  return (
    <Show when={gradebook()}>
      {(gb) => (
        <>
          <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
            <div class="min-w-0">
              <h1 class="text-2xl font-bold tracking-tight">{t('page.title')}</h1>
              <p class="mt-1 font-medium">{gb().course_title}</p>
              <p class="mt-1 text-sm text-muted">
                {gb().can_override ? t('page.introOverride') : t('page.intro')}
              </p>
            </div>
            <div class="flex shrink-0 flex-wrap gap-2">
              <Show when={gb().can_edit}>
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  <Settings2 size={16} aria-hidden="true" />
                  {t('page.categories')}
                </Button>
              </Show>
              <Show when={(classes() ?? []).length > 0 && gb().rows.length > 0}>
                <SelectField
                  label={t('filter.class')}
                  value={search.class ?? ''}
                  onValue={(id) => setSearch({ class: id || undefined }, { replace: true })}
                  options={[
                    { value: '', label: t('filter.allStudents') },
                    ...(classes() ?? []).map((c) => ({ value: c.id, label: c.name })),
                  ]}
                />
              </Show>
              <Show when={gb().rows.length > 0 && gb().items.length > 0}>
                <Button variant="secondary" onClick={() => downloadCsv(shown() ?? gb())}>
                  <Download size={16} aria-hidden="true" />
                  {t('page.export')}
                </Button>
              </Show>
            </div>
          </div>
          <Switch fallback={<GradebookTable gradebook={shown() ?? gb()} onCell={setTarget} />}>
            <Match when={gb().items.length === 0}>
              <EmptyState icon={<ClipboardList size={28} />} title={t('empty.noItemsTitle')}>
                {t('empty.noItems')}
              </EmptyState>
            </Match>
            <Match when={gb().rows.length === 0}>
              <EmptyState icon={<Users size={28} />} title={t('empty.noStudentsTitle')}>
                {t('empty.noStudents')}
              </EmptyState>
            </Match>
            <Match when={shown()?.rows.length === 0}>
              <EmptyState icon={<Users size={28} />} title={t('empty.noneInClassTitle')}>
                {t('empty.noneInClass')}
              </EmptyState>
            </Match>
          </Switch>
          <Show when={gb().can_override}>
            <OverrideDialog gradebook={gb()} target={target()} onClose={() => setTarget()} onSaved={keep} />
          </Show>
          <Show when={gb().can_edit}>
            <CategoriesDialog open={editing()} onOpenChange={setEditing} gradebook={gb()} onSaved={keep} />
          </Show>
        </>
      )}
    </Show>
  )
}

/** Saves the gradebook as shown as "<course> gradebook <day>.csv" (with a BOM, so spreadsheets read UTF-8). */
function downloadCsv(gradebook: GradebookData) {
  const blob = new Blob([`\uFEFF${toCsv(gradebook, csvWords())}`], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = csvFileName(gradebook.course_title, isoDay(new Date()))
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
