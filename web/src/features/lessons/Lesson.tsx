import { A, createAsync, revalidate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import FileText from 'lucide-solid/icons/file-text'
import PenLine from 'lucide-solid/icons/pen-line'
import { createSignal, ErrorBoundary, lazy, onMount, Show, Suspense } from 'solid-js'
import type {
  CourseAccess,
  CourseDetail,
  LessonDetail,
  PublishedLesson,
} from '../../../../edge/contract/courses.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { Later } from '../../ui/Later.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { useCourseLive } from '../courses/course-live.ts'
import { AskTutorLink } from '../tutor/links/TutorLinks.tsx'
import { saveProgress } from './api.ts'
import { LessonFooter } from './components/LessonFooter.tsx'
import { NewVersionBar } from './components/NewVersionBar.tsx'
import { ProseHtml } from './components/ProseHtml.tsx'
import { getCourse, getLesson, getPublished } from './Lesson.data.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** Loaded once the lesson is on screen: most lessons have no materials. */
const LessonMaterials = lazy(() => import('./components/LessonMaterials.tsx'))
/** Loaded for enrolled students only, after the lesson: most readers never ask. */
const LessonQuestions = lazy(() =>
  import('./questions/LessonQuestions.tsx').then((m) => ({ default: m.LessonQuestions })),
)

/** /t/:slug/lessons/:lessonId — the latest published version of a lesson, as students read it. */
export default function LessonPage() {
  const params = useParams()
  return (
    <Boundary keys={[getLesson.keyFor(params.lessonId ?? ''), getPublished.keyFor(params.lessonId ?? '')]}>
      <Show when={params.lessonId} keyed>
        {(id) => <LessonView lessonId={id} />}
      </Show>
    </Boundary>
  )
}

function LessonView(props: { lessonId: string }) {
  const tenant = useTenant()
  const lesson = createAsync(() => getLesson(props.lessonId))
  const published = createAsync(() => getPublished(props.lessonId))
  // Only for "next lesson": a failure here never hides the lesson itself.
  const course = createAsync(async () => {
    const courseId = lesson()?.course_id
    return courseId ? getCourse(courseId).catch(() => undefined) : undefined
  })
  usePageTitle(() => published()?.title ?? lesson()?.title)
  const courseHref = () => `/t/${tenant().slug}/courses/${lesson()?.course_id ?? ''}`
  const newer = useNewerVersion(props.lessonId, () => lesson()?.course_id, {
    latest: () => lesson()?.published_version ?? 0,
    onScreen: () => published()?.version ?? 0,
  })

  return (
    <Show when={lesson()}>
      {(l) => (
        <article class="mx-auto max-w-3xl">
          <A href={courseHref()} class="link mb-5 inline-flex items-center gap-1 text-sm">
            <ArrowLeft size={14} />
            {l().course_title}
          </A>
          <NewVersionBar when={newer.waiting()} onShow={newer.show} />
          <Show
            when={published()}
            fallback={
              <>
                <h1 class="mb-6 text-3xl font-bold tracking-tight">{l().title}</h1>
                <EmptyState icon={<FileText size={28} />} title={t('notPublished')}>
                  {t('lesson.notPublishedText')}
                </EmptyState>
                <DraftLink access={l().my_access} lessonId={props.lessonId} />
              </>
            }
          >
            {(p) => <Published version={p()} course={course()} lesson={l()} />}
          </Show>
        </article>
      )}
    </Show>
  )
}

/**
 * A newer published version of the lesson than the one on screen (issue 12): announced on the
 * course's live topic, or found after a reconnect (the lesson says its latest version). `show`
 * loads it in place, keeping the reader where they were on the page.
 */
function useNewerVersion(
  lessonId: string,
  courseId: () => string | undefined,
  versions: { latest: () => number; onScreen: () => number },
) {
  const [announced, setAnnounced] = createSignal(0)
  useCourseLive(courseId, {
    onEvent: (e) => {
      if (e.kind === 'published' && e.lessonId === lessonId) setAnnounced((v) => Math.max(v, e.version))
      if (e.kind === 'outline') void revalidate(getCourse.keyFor(courseId() ?? ''))
    },
    onResubscribed: () => void revalidate(getLesson.keyFor(lessonId)),
  })
  return {
    waiting: () => Math.max(announced(), versions.latest()) > versions.onScreen(),
    async show() {
      const y = window.scrollY
      await revalidate([getPublished.keyFor(lessonId), getLesson.keyFor(lessonId)])
      requestAnimationFrame(() => {
        window.scrollTo({ top: y })
        document.getElementById('lesson-title')?.focus({ preventScroll: true })
      })
    },
  }
}

function DraftLink(props: { access: CourseAccess; lessonId: string }) {
  const tenant = useTenant()
  return (
    <Show when={props.access.read_draft}>
      <p class="mt-6 text-sm">
        <A
          href={`/t/${tenant().slug}/lessons/${props.lessonId}/edit`}
          class="link inline-flex items-center gap-1"
        >
          <PenLine size={14} />
          {props.access.edit ? t('lesson.openDraftToEdit') : t('lesson.openLiveDraft')}
        </A>
      </p>
    </Show>
  )
}

function Published(props: {
  version: PublishedLesson
  course: CourseDetail | undefined
  lesson: LessonDetail
}) {
  const tenant = useTenant()
  let text: HTMLDivElement | undefined
  // An enrolled student opening a lesson: the home's "continue" and the course's progress follow.
  onMount(() => {
    if (props.lesson.my_access.enrolled) void saveProgress(props.lesson.id).catch(() => {})
  })
  return (
    <>
      <header class="mb-8 border-b border-line pb-6">
        <h1
          id="lesson-title"
          tabindex="-1"
          class="text-3xl font-bold tracking-tight outline-none sm:text-4xl"
        >
          {props.version.title}
        </h1>
        <p class="mt-2 text-sm text-muted" data-testid="published-version">
          {t('lesson.publishedVersion', { version: props.version.version })}{' '}
          <time datetime={props.version.published_at}>{formatDate(props.version.published_at)}</time>
        </p>
      </header>
      <Show when={props.version.html.trim()} fallback={<p class="text-muted">{t('lesson.empty')}</p>}>
        <div ref={text}>
          <ProseHtml html={props.version.html} />
        </div>
      </Show>
      {/* What follows the lesson's text renders in a task after it (ui/Later.tsx). */}
      <Later>
        <Show when={props.lesson.my_access.enrolled || props.lesson.my_access.read_draft}>
          {/* Offline (or a chunk that cannot load), the lesson stays and the materials stay away. */}
          <ErrorBoundary fallback={null}>
            <Suspense>
              <div class="mt-8 empty:hidden">
                <LessonMaterials
                  folder={`${tenant().id}/${props.lesson.course_id}/${props.lesson.id}`}
                  editable={false}
                />
              </div>
            </Suspense>
          </ErrorBoundary>
        </Show>
        <Show when={props.lesson.my_access.enrolled && !props.lesson.my_access.read_draft}>
          <ErrorBoundary fallback={null}>
            <Suspense>
              <LessonQuestions
                lessonId={props.lesson.id}
                courseId={props.lesson.course_id}
                text={() => text}
              />
            </Suspense>
          </ErrorBoundary>
        </Show>
        <Show when={props.lesson.my_access.enrolled || props.lesson.my_access.read_draft}>
          <AskTutorLink
            course={props.lesson.course_id}
            lesson={props.lesson.id}
            class="btn-secondary mt-10"
          />
        </Show>
        <LessonFooter
          lesson={props.lesson}
          course={props.course}
          draftLink={<DraftLink access={props.lesson.my_access} lessonId={props.lesson.id} />}
        />
      </Later>
    </>
  )
}
