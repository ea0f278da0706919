import { A, createAsync, useParams, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import ClipboardList from 'lucide-solid/icons/clipboard-list'
import GraduationCap from 'lucide-solid/icons/graduation-cap'
import UserRound from 'lucide-solid/icons/user-round'
import { Match, Show, Switch } from 'solid-js'
import type { Child } from '../../../../edge/contract/guardians.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { ChildSwitcher } from '../guardians/ChildSwitcher.tsx'
import { gradebookKey } from './api.ts'
import { childrenInCourse, chosenChild } from './children.ts'
import { GradeReport } from './components/GradeReport.tsx'
import { getChildren, loadGradebook } from './MyGrades.data.ts'
import { t } from './words.ts'

/**
 * /t/:slug/courses/:courseId/grades — a student's own grades in the course (released results
 * only); a parent's linked child's with `?student=<id>`, with a switcher when several of their
 * children take the course. Anyone else is pointed to the gradebook.
 */
export default function MyGrades() {
  const params = useParams()
  const [search] = useSearchParams()
  const tenant = useTenant()
  const courseId = () => params.courseId ?? ''
  const wanted = () => (typeof search.student === 'string' ? search.student : undefined)
  return (
    <div class="max-w-4xl space-y-6">
      <A
        href={`/t/${tenant().slug}/courses/${courseId()}`}
        class="link inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} aria-hidden="true" />
        {t('page.back')}
      </A>
      <Switch fallback={<ToGradebook courseId={courseId()} />}>
        <Match when={tenant().role === 'parent'}>
          <Boundary keys={getChildren.keyFor(tenant().id)} fallback={<ListSkeleton rows={5} />}>
            <ParentGrades courseId={courseId()} wanted={wanted()} />
          </Boundary>
        </Match>
        <Match when={tenant().role === 'student'}>
          <Boundary keys={gradebookKey(courseId())} fallback={<ListSkeleton rows={5} />}>
            <Grades courseId={courseId()} />
          </Boundary>
        </Match>
      </Switch>
    </div>
  )
}

function ParentGrades(props: { courseId: string; wanted: string | undefined }) {
  const tenant = useTenant()
  const kids = createAsync(() => getChildren(tenant().id))
  const inCourse = () => childrenInCourse(kids() ?? [], props.courseId)
  const chosen = () => chosenChild(inCourse(), props.wanted)
  return (
    <Show when={kids()}>
      <Show
        when={chosen()}
        fallback={
          <EmptyState icon={<UserRound size={28} />} title={t('mine.noChildTitle')}>
            {t('mine.noChild')}
          </EmptyState>
        }
      >
        {(child) => (
          <>
            <Show when={inCourse().length > 1}>
              <ChildSwitcher
                label={t('mine.children')}
                kids={inCourse()}
                chosen={child().user_id}
                hrefFor={(kid) =>
                  `/t/${tenant().slug}/courses/${props.courseId}/grades?student=${kid.user_id}`
                }
              />
            </Show>
            <Boundary
              keys={gradebookKey(props.courseId, child().user_id)}
              fallback={<ListSkeleton rows={5} />}
            >
              <Grades courseId={props.courseId} child={child()} />
            </Boundary>
          </>
        )}
      </Show>
    </Show>
  )
}

/** Everyone else (the course's teachers): the way to the gradebook, without loading it here. */
function ToGradebook(props: { courseId: string }) {
  const tenant = useTenant()
  return (
    <EmptyState icon={<GraduationCap size={28} />} title={t('page.title')}>
      <p>{t('mine.teacher')}</p>
      <A href={`/t/${tenant().slug}/courses/${props.courseId}/gradebook`} class="btn-secondary mt-4">
        {t('mine.openGradebook')}
      </A>
    </EmptyState>
  )
}

/** The grades of the caller (a student: the API answers their own row) or of `child` (a parent's). */
function Grades(props: { courseId: string; child?: Child }) {
  const gradebook = createAsync(() => loadGradebook(props.courseId, props.child?.user_id))
  usePageTitle(() => {
    const gb = gradebook()
    return gb ? t('mine.docTitle', { course: gb.course_title }) : undefined
  })
  const row = () => {
    const rows = gradebook()?.rows ?? []
    return props.child ? rows.find((r) => r.user_id === props.child?.user_id) : rows[0]
  }
  return (
    <Show when={gradebook()}>
      {(gb) => (
        <>
          <div>
            <h1 class="text-2xl font-bold tracking-tight">
              {props.child ? t('mine.childTitle', { name: props.child.display_name }) : t('mine.title')}
            </h1>
            <p class="mt-1 text-muted">{gb().course_title}</p>
          </div>
          <Show
            when={gb().items.length > 0}
            fallback={
              <EmptyState icon={<ClipboardList size={28} />} title={t('mine.emptyTitle')}>
                {t('mine.empty')}
              </EmptyState>
            }
          >
            <GradeReportFor gradebook={gb()} row={row()} />
          </Show>
        </>
      )}
    </Show>
  )
}

function GradeReportFor(props: {
  gradebook: Parameters<typeof GradeReport>[0]['gradebook']
  row: Parameters<typeof GradeReport>[0]['row'] | undefined
}) {
  return (
    <Show
      when={props.row}
      fallback={
        <EmptyState icon={<ClipboardList size={28} />} title={t('mine.noRowTitle')}>
          {t('mine.noRow')}
        </EmptyState>
      }
    >
      {(row) => <GradeReport gradebook={props.gradebook} row={row()} />}
    </Show>
  )
}
