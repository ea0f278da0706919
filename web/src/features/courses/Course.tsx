import { A, createAsync, revalidate, useNavigate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import CircleCheck from 'lucide-solid/icons/circle-check'
import Lock from 'lucide-solid/icons/lock'
import Pencil from 'lucide-solid/icons/pencil'
import Trash from 'lucide-solid/icons/trash'
import { createSignal, lazy, onCleanup, Show, Suspense } from 'solid-js'
import type { CourseDetail } from '../../../../edge/contract/courses.ts'
import { coalesce } from '../../lib/coalesce.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { api } from '../../lib/runtime.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { Later } from '../../ui/Later.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { getAssignments } from '../assignments/api.ts'
import { BuyCourse } from '../payments/links/PaymentLinks.tsx'
import { getQuizzes } from '../quizzes/api.ts'
import { AskTutorLink } from '../tutor/links/TutorLinks.tsx'
import { getCourses } from './api.ts'
import { getCourse } from './Course.data.ts'
import { CourseBadges, CourseCover } from './components/CourseCover.tsx'
import { useCourseLive } from './course-live.ts'
import { canEnrolStudents } from './course-roles.ts'
import { messages } from './messages.ts'
import { CourseOutline } from './outline/CourseOutline.tsx'
import { useEnrol } from './useEnrol.ts'

// Co-authors (shown to authors and staff), who is enrolled and the enrol form are for the course's
// teachers only: students (most visitors, on the slowest phones) never download them.
const AuthorsPanel = lazy(() =>
  import('./components/AuthorsPanel.tsx').then((m) => ({ default: m.AuthorsPanel })),
)
const EnrolmentsPanel = lazy(() =>
  import('./components/EnrolmentsPanel.tsx').then((m) => ({ default: m.EnrolmentsPanel })),
)
// Grades, quizzes and assignments need the network: when they cannot load (offline) the outline
// stays readable.
const CourseWork = lazy(() =>
  import('./components/CourseWork.tsx').then(
    (m) => ({ default: m.CourseWork }),
    () => ({ default: () => null }),
  ),
)

const t = translator(messages)

/** /t/:slug/courses/:courseId — the course, its outline, co-authors and students. */
export default function Course() {
  const params = useParams()
  const tenant = useTenant()
  return (
    <div>
      <A href={`/t/${tenant().slug}/courses`} class="link mb-4 inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} />
        {t('allCourses')}
      </A>
      <Boundary keys={getCourse.keyFor(params.courseId ?? '')}>
        <CourseView courseId={params.courseId ?? ''} />
      </Boundary>
    </div>
  )
}

function CourseView(props: { courseId: string }) {
  const course = createAsync(() => getCourse(props.courseId))
  usePageTitle(() => course()?.title)
  // A lesson published or the outline changed (by anyone, a quiz or an assignment placed or moved
  // too): the outline and its assessments load again, once per burst.
  const reload = coalesce(
    () =>
      void revalidate([
        getCourse.keyFor(props.courseId),
        getQuizzes.keyFor(props.courseId),
        getAssignments.keyFor(props.courseId),
      ]),
    300,
  )
  onCleanup(reload.cancel)
  useCourseLive(() => props.courseId || undefined, {
    onEvent: (event) => event.kind !== 'forum' && reload.trigger(),
    onResubscribed: reload.trigger,
  })
  return <Show when={course()}>{(c) => <CourseBody course={c()} />}</Show>
}

function CourseBody(props: { course: CourseDetail }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const { pending, enrol } = useEnrol()
  const [deleting, setDeleting] = createSignal(false)
  const access = () => props.course.my_access
  const student = () => tenant().role === 'student'
  const seesOutline = () => access().read_draft || access().enrolled || tenant().role === 'instructor'
  const teacher = () => canEnrolStudents(tenant().role, access().manage)
  const sidebar = () => teacher() || props.course.authors.length > 0

  async function remove() {
    await api().delete('/courses/:id', { params: { id: props.course.id } })
    toast.success(t('course.deleted'), t('course.deletedText', { title: props.course.title }))
    await revalidate(getCourses.keyFor(tenant().id))
    navigate(`/t/${tenant().slug}/courses`, { replace: true })
  }

  return (
    <div class="space-y-8">
      <header class="card overflow-hidden md:grid md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <CourseCover url={props.course.cover_image_url} class="aspect-[16/9] md:aspect-auto md:min-h-56" />
        <div class="flex flex-col p-5 sm:p-6">
          <CourseBadges course={props.course} />
          <h1 class="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{props.course.title}</h1>
          <Show when={props.course.summary}>
            <p class="mt-2 whitespace-pre-line text-muted">{props.course.summary}</p>
          </Show>
          <p class="mt-3 text-sm text-muted">
            <Show when={seesOutline()} fallback={t('course.enrolToSee')}>
              {t('lessonCount', { count: props.course.lessons.length })}
              <Show when={props.course.modules.length > 0}>
                {' '}
                {t('course.inModules', { count: props.course.modules.length })}
              </Show>
            </Show>
            <Show when={access().edit}> · {t('course.youAreEditor')}</Show>
            <Show when={!access().edit && access().read_draft}> · {t('course.youReadDrafts')}</Show>
          </p>
          <div class="mt-auto flex flex-wrap gap-2 pt-5">
            <Show when={access().enrolled || access().read_draft}>
              <AskTutorLink course={props.course.id} />
            </Show>
            <Show when={access().manage}>
              <A href={`/t/${tenant().slug}/courses/${props.course.id}/edit`} class="btn-secondary">
                <Pencil size={16} />
                {t('course.editDetails')}
              </A>
              <Button
                variant="ghost"
                class="text-danger hover:bg-danger-soft"
                onClick={() => setDeleting(true)}
              >
                <Trash size={16} />
                {t('course.delete')}
              </Button>
            </Show>
            <Show when={student()}>
              <Show
                when={!access().enrolled}
                fallback={
                  <span class="badge gap-1 bg-success-soft px-3 py-1 text-sm text-success">
                    <CircleCheck size={14} />
                    {t('course.enrolled')}
                  </span>
                }
              >
                <Show
                  when={props.course.is_free}
                  fallback={
                    <BuyCourse
                      courseId={props.course.id}
                      title={props.course.title}
                      fallback={
                        <p class="text-sm text-muted">{t('course.askTeacher', { school: tenant().name })}</p>
                      }
                    />
                  }
                >
                  <Button
                    pending={pending() === props.course.id}
                    onClick={() => enrol(props.course)}
                    aria-label={t('enrolIn', { title: props.course.title })}
                  >
                    {t('course.enrolFree')}
                  </Button>
                </Show>
              </Show>
            </Show>
            <Show when={tenant().role === 'parent'}>
              <BuyCourse courseId={props.course.id} title={props.course.title} />
            </Show>
          </div>
        </div>
      </header>

      <div class={sidebar() ? 'grid grid-cols-1 gap-8 lg:grid-cols-3' : ''}>
        <section aria-labelledby="outline-heading" class="lg:col-span-2">
          <h2 id="outline-heading" class="mb-4 text-lg font-semibold">
            {t('course.lessons')}
          </h2>
          <Show
            when={seesOutline()}
            fallback={
              <EmptyState icon={<Lock size={28} />} title={t('course.lockedTitle')}>
                {tenant().role === 'parent'
                  ? t('course.lockedParent', { school: tenant().name })
                  : props.course.is_free && student()
                    ? t('course.lockedFree')
                    : t('course.lockedPaid', { school: tenant().name })}
              </EmptyState>
            }
          >
            {/* In a task after the course's header (ui/Later.tsx). */}
            <Later>
              <CourseOutline course={props.course} />
            </Later>
          </Show>
        </section>
        <Show when={sidebar()}>
          <aside class="space-y-6" aria-label={t('course.people')}>
            <Later>
              <Show when={props.course.authors.length > 0}>
                <Suspense>
                  <AuthorsPanel course={props.course} />
                </Suspense>
              </Show>
              <Show when={teacher()}>
                <Suspense>
                  <EnrolmentsPanel course={props.course} />
                </Suspense>
              </Show>
            </Later>
          </aside>
        </Show>
      </div>

      <Show when={seesOutline()}>
        <Later>
          <Suspense>
            <CourseWork course={props.course} />
          </Suspense>
        </Later>
      </Show>

      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('course.deleteTitle')}
        confirmLabel={t('course.delete')}
        danger
        onConfirm={remove}
      >
        <p>{t('course.deleteText', { title: props.course.title, count: props.course.lessons.length })}</p>
      </ConfirmDialog>
    </div>
  )
}
