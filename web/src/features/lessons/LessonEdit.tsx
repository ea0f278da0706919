import { A, createAsync, Navigate, revalidate, useParams } from '@solidjs/router'
import type { Editor } from '@tiptap/core'
import ChevronRight from 'lucide-solid/icons/chevron-right'
import Eye from 'lucide-solid/icons/eye'
import FileClock from 'lucide-solid/icons/file-clock'
import Send from 'lucide-solid/icons/send'
import { createEffect, createSignal, ErrorBoundary, lazy, on, Show, Suspense } from 'solid-js'
import type { CourseDetail, Lesson, LessonDetail } from '../../../../edge/contract/courses.ts'
import { errorMessage } from '../../api/errors.ts'
import { colorForUser } from '../../lib/colors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { api, runtime } from '../../lib/runtime.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { CommentsPanel } from './comments/CommentsPanel.tsx'
import { commentMarks } from './comments/comment-marks.ts'
import { ConnectionStatus } from './components/ConnectionStatus.tsx'
import { LessonEditor } from './components/LessonEditor.tsx'
import { PresenceList } from './components/PresenceList.tsx'
import { PublishDialog } from './components/PublishDialog.tsx'
import { VersionHistory } from './components/VersionHistory.tsx'
import { endMessage } from './connection-state.ts'
import { getCourse, getLesson } from './LessonEdit.data.ts'
import { createLessonSession } from './lesson-session.ts'
import { messages } from './messages.ts'
import { QuestionsPanel } from './questions/QuestionsPanel.tsx'

const t = translator(messages)
const LessonMaterials = lazy(() => import('./components/LessonMaterials.tsx'))

/** /t/:slug/lessons/:lessonId/edit — the live draft: editors write together, other draft readers watch. */
export default function LessonEdit() {
  const params = useParams()
  return (
    <Boundary keys={[getLesson.keyFor(params.lessonId ?? ''), getCourse.key]}>
      <Show when={params.lessonId} keyed>
        {(id) => <Loader lessonId={id} />}
      </Show>
    </Boundary>
  )
}

function Loader(props: { lessonId: string }) {
  const tenant = useTenant()
  const lesson = createAsync(() => getLesson(props.lessonId))
  const course = createAsync(async () => {
    const l = lesson()
    return l?.my_access.read_draft ? getCourse(l.course_id) : undefined
  })
  return (
    <Show when={lesson()}>
      {(l) => (
        <Show
          when={l().my_access.read_draft}
          fallback={<Navigate href={`/t/${tenant().slug}/lessons/${props.lessonId}`} />}
        >
          <Show when={course()}>{(c) => <Workspace lesson={l()} course={c()} />}</Show>
        </Show>
      )}
    </Show>
  )
}

function Workspace(props: { lesson: LessonDetail; course: CourseDetail }) {
  const { session } = useApp()
  const tenant = useTenant()
  usePageTitle(() => `${props.lesson.title} · ${props.course.title}`)
  const editable = () => props.lesson.my_access.edit
  const userId = session.userId() ?? 'anonymous'
  const user = {
    id: userId,
    name: session.displayName() || t('workspace.someone'),
    color: colorForUser(userId),
  }
  const live = createLessonSession({
    lessonId: props.lesson.id,
    baseUrl: runtime().config.supabaseUrl,
    supabase: runtime().supabase,
    user,
    onBackOnline: (changed) =>
      changed
        ? toast.success(t('workspace.backOnlineMerged'))
        : toast.success(t('workspace.backOnline'), t('workspace.upToDate')),
  })
  // Comments: the editor marks their text; a click there picks a thread, Ctrl/Cmd+Alt+M asks for one.
  const [editor, setEditor] = createSignal<Editor>()
  const [picked, setPicked] = createSignal<string>()
  const [asked, setAsked] = createSignal(0)
  const marks = commentMarks({ onPick: setPicked, onNew: () => setAsked((n) => n + 1) })
  const [publishing, setPublishing] = createSignal(false)
  const [history, setHistory] = createSignal(false)
  const module = () => props.course.modules.find((m) => m.id === props.lesson.module_id)
  const courseHref = () => `/t/${tenant().slug}/courses/${props.course.id}`

  return (
    <div class="space-y-4">
      <nav
        aria-label={t('workspace.breadcrumb')}
        class="flex flex-wrap items-center gap-1 text-sm text-muted"
      >
        <A href={`/t/${tenant().slug}/courses`} class="hover:text-fg hover:underline">
          {t('workspace.courses')}
        </A>
        <ChevronRight size={14} aria-hidden="true" />
        <A href={courseHref()} class="max-w-[16rem] truncate hover:text-fg hover:underline">
          {props.course.title}
        </A>
        <Show when={module()}>
          {(m) => (
            <>
              <ChevronRight size={14} aria-hidden="true" />
              <span class="max-w-[12rem] truncate">{m().title}</span>
            </>
          )}
        </Show>
      </nav>

      <div class="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div class="min-w-0 flex-1">
          <Show
            when={editable()}
            fallback={<h1 class="text-2xl font-bold tracking-tight sm:text-3xl">{props.lesson.title}</h1>}
          >
            <TitleInput lesson={props.lesson} courseId={props.course.id} />
          </Show>
          <p class="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
            <span>{t('workspace.draft')}</span>
            <span aria-hidden="true">·</span>
            <Show when={props.lesson.published_version} fallback={<span>{t('notPublished')}</span>}>
              {(n) => (
                <A href={`/t/${tenant().slug}/lessons/${props.lesson.id}`} class="link">
                  {t('workspace.studentsSee', { version: n() })}
                </A>
              )}
            </Show>
            <Show when={!editable()}>
              <span
                class="badge gap-1 bg-warn-soft text-warn"
                title={t('workspace.readOnlyHint')}
                data-testid="read-only"
              >
                <Eye size={12} aria-hidden="true" />
                {t('workspace.readOnly')}
              </span>
            </Show>
          </p>
        </div>
        <div class="flex flex-wrap items-center gap-2">
          <ConnectionStatus state={live.state} />
          <PresenceList peers={live.peers} />
          <Button variant="secondary" class="min-h-9 px-3 py-1.5" onClick={() => setHistory(true)}>
            <FileClock size={16} />
            {t('workspace.history')}
          </Button>
          <Show when={editable()}>
            <Button
              class="min-h-9 px-3 py-1.5"
              disabled={!live.live()}
              title={live.live() ? undefined : t('workspace.publishNeedsConnection')}
              onClick={() => setPublishing(true)}
            >
              <Send size={16} />
              {t('publish')}
            </Button>
          </Show>
        </div>
      </div>

      <Show when={live.ended()}>
        {(e) => (
          <FormAlert title={endMessage(e().reason).title}>
            <p>
              {endMessage(e().reason).text}{' '}
              <A href={courseHref()}>{t('workspace.backTo', { title: props.course.title })}</A>
            </p>
          </FormAlert>
        )}
      </Show>
      <Show when={live.state() === 'offline'}>
        <FormAlert tone="warn" title={t('workspace.offline')}>
          <p>{editable() ? t('workspace.offlineEditor') : t('workspace.offlineReader')}</p>
        </FormAlert>
      </Show>

      {/* Someone who lost access (or whose lesson was deleted) no longer sees the draft. */}
      <Show when={live.ended()?.reason !== 'revoked' && live.ended()?.reason !== 'gone'}>
        <div class="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_20rem]">
          <LessonEditor
            session={live}
            user={user}
            editable={editable()}
            mediaFolder={`${props.course.tenant_id}/${props.course.id}`}
            label={t(editable() ? 'workspace.contentLabel' : 'workspace.contentLabelReadOnly', {
              title: props.lesson.title,
            })}
            extensions={[marks]}
            onEditor={setEditor}
          />
          <CommentsPanel
            lessonId={props.lesson.id}
            courseId={props.course.id}
            editor={editor}
            picked={picked}
            onPick={setPicked}
            asked={asked}
          />
        </div>
      </Show>

      <QuestionsPanel
        lessonId={props.lesson.id}
        courseId={props.course.id}
        open={props.course.lesson_questions}
      />

      <Show when={live.ended()?.reason !== 'revoked' && live.ended()?.reason !== 'gone'}>
        <ErrorBoundary fallback={null}>
          <Suspense>
            <LessonMaterials
              folder={`${props.course.tenant_id}/${props.course.id}/${props.lesson.id}`}
              editable={editable()}
            />
          </Suspense>
        </ErrorBoundary>
      </Show>

      <Show when={editable()}>
        <PublishDialog
          lessonId={props.lesson.id}
          courseId={props.course.id}
          open={publishing()}
          onOpenChange={setPublishing}
          lastLocalEdit={live.lastLocalEdit}
        />
      </Show>
      <VersionHistory
        lessonId={props.lesson.id}
        canRestore={editable()}
        open={history()}
        onOpenChange={setHistory}
      />
    </div>
  )
}

/** The lesson's title as an input styled as the page heading; saved on Enter or when leaving it. */
function TitleInput(props: { lesson: Lesson; courseId: string }) {
  const [value, setValue] = createSignal(props.lesson.title)
  const [focused, setFocused] = createSignal(false)
  const [saving, setSaving] = createSignal(false)
  // Someone else renamed it: follow, unless this person is typing.
  createEffect(
    on(
      () => props.lesson.title,
      (title) => !focused() && setValue(title),
      { defer: true },
    ),
  )

  async function save() {
    const title = value().trim()
    if (!title) return setValue(props.lesson.title)
    if (title === props.lesson.title || saving()) return
    setSaving(true)
    try {
      await api().patch('/lessons/:id', { title }, { params: { id: props.lesson.id } })
      toast.success(t('title.renamed'))
      await revalidate([getLesson.keyFor(props.lesson.id), getCourse.keyFor(props.courseId)])
    } catch (e) {
      toast.error(t('title.notSaved'), errorMessage(e))
      setValue(props.lesson.title)
    } finally {
      setSaving(false)
    }
  }

  return (
    <h1>
      <input
        class="-mx-2 w-full rounded-lg border border-transparent bg-transparent px-2 py-0.5 text-2xl font-bold tracking-tight hover:border-line focus:border-primary focus:outline-2 focus:outline-focus/40 sm:text-3xl"
        aria-label={t('title.label')}
        value={value()}
        maxLength={200}
        onInput={(e) => setValue(e.currentTarget.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false)
          void save()
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            e.currentTarget.blur()
          }
          if (e.key === 'Escape') {
            setValue(props.lesson.title)
            e.currentTarget.blur()
          }
        }}
      />
    </h1>
  )
}
