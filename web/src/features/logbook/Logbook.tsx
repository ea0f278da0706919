import { A, createAsync, useParams, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Download from 'lucide-solid/icons/download'
import NotebookPen from 'lucide-solid/icons/notebook-pen'
import Plus from 'lucide-solid/icons/plus'
import UserRound from 'lucide-solid/icons/user-round'
import { createSignal, For, Match, Show, Switch } from 'solid-js'
import type { Logbook as LogbookData } from '../../../../edge/contract/logbook.ts'
import { inRoleGroup, SUPPORT_ROLES, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import { errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { childrenInCourse, chosenChild } from '../gradebook/children.ts'
import { getChildren } from '../guardians/api.ts'
import { ChildSwitcher } from '../guardians/ChildSwitcher.tsx'
import { downloadLogbook, getLogbook, getLogbookStudents } from './api.ts'
import { EntryCard } from './components/EntryCard.tsx'
import { EntryForm } from './components/EntryForm.tsx'
import { SessionNotes } from './components/SessionNotes.tsx'
import { StudentList } from './components/StudentList.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * /t/:slug/courses/:courseId/logbook — the learning logbook. A student keeps their own; the
 * course's teachers pick a student (`?student=`) and read, comment and see their session notes; a
 * parent reads what their child shared (a switcher when several of their children take the course).
 */
export default function LogbookPage() {
  const params = useParams()
  const [search] = useSearchParams()
  const tenant = useTenant()
  const courseId = () => params.courseId ?? ''
  const wanted = () => (typeof search.student === 'string' ? search.student : undefined)
  const teaches = () => inRoleGroup([...TEACHING_ROLES, ...SUPPORT_ROLES], tenant().role)
  const back = () =>
    teaches() && wanted()
      ? { href: `/t/${tenant().slug}/courses/${courseId()}/logbook`, label: t('students.back') }
      : { href: `/t/${tenant().slug}/courses/${courseId()}`, label: t('logbook.back') }
  return (
    <div class="max-w-3xl space-y-6">
      <A href={back().href} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} aria-hidden="true" />
        {back().label}
      </A>
      <Switch
        fallback={
          <Boundary keys={getLogbook.key} fallback={<ListSkeleton rows={4} />}>
            <Book courseId={courseId()} student={wanted()} />
          </Boundary>
        }
      >
        <Match when={tenant().role === 'parent'}>
          <Boundary keys={getChildren.keyFor(tenant().id)} fallback={<ListSkeleton rows={4} />}>
            <ParentBook courseId={courseId()} wanted={wanted()} />
          </Boundary>
        </Match>
        <Match when={teaches() && !wanted()}>
          <Boundary keys={getLogbookStudents.key} fallback={<ListSkeleton rows={6} />}>
            <TeacherIntro />
            <StudentList courseId={courseId()} />
          </Boundary>
        </Match>
      </Switch>
    </div>
  )
}

function TeacherIntro() {
  usePageTitle(() => t('students.title'))
  return <p class="sr-only">{t('logbook.introTeacher')}</p>
}

function ParentBook(props: { courseId: string; wanted: string | undefined }) {
  const tenant = useTenant()
  const kids = createAsync(() => getChildren(tenant().id))
  const inCourse = () => childrenInCourse(kids() ?? [], props.courseId)
  return (
    <Show when={kids()}>
      <Show
        when={chosenChild(inCourse(), props.wanted)}
        fallback={
          <EmptyState icon={<UserRound size={28} />} title={t('logbook.noChildTitle')}>
            {t('logbook.noChild')}
          </EmptyState>
        }
      >
        {(child) => (
          <>
            <Show when={inCourse().length > 1}>
              <ChildSwitcher
                label={t('logbook.children')}
                kids={inCourse()}
                chosen={child().user_id}
                hrefFor={(kid) =>
                  `/t/${tenant().slug}/courses/${props.courseId}/logbook?student=${kid.user_id}`
                }
              />
            </Show>
            <Book courseId={props.courseId} student={child().user_id} />
          </>
        )}
      </Show>
    </Show>
  )
}

/** One student's logbook: its header, the new-entry form, the tutor's notes and the entries, page by page. */
function Book(props: { courseId: string; student: string | undefined }) {
  const tenant = useTenant()
  const first = createAsync(() => getLogbook(props.courseId, props.student))
  const [older, setOlder] = createSignal<string[]>([])
  const [editing, setEditing] = createSignal<string>()
  usePageTitle(() => {
    const b = first()
    return b ? t('logbook.docTitle', { course: b.course.title }) : undefined
  })
  const download = async (b: LogbookData) => {
    try {
      await downloadLogbook(
        b.course.id,
        b.student.id,
        t('logbook.pdfName', { name: b.student.name || 'student' }),
      )
    } catch (error) {
      toast.error(t('logbook.pdfFailed'), errorMessage(error))
    }
  }
  return (
    <Show when={first()}>
      {(b) => (
        <>
          <header class="space-y-2">
            <h1 class="text-2xl font-bold tracking-tight">
              {b().mine ? t('logbook.mine') : t('logbook.of', { name: b().student.name })}
            </h1>
            <p class="text-muted">{b().course.title}</p>
            <p class="text-sm text-muted">
              {b().mine
                ? t('logbook.introStudent')
                : b().can_comment
                  ? t('logbook.introTeacher')
                  : t('logbook.introParent')}
            </p>
            <div class="flex flex-wrap gap-2 pt-1">
              <Show when={b().can_write && editing() !== 'new'}>
                <Button onClick={() => setEditing('new')}>
                  <Plus size={16} aria-hidden="true" />
                  {t('logbook.new')}
                </Button>
              </Show>
              <Button variant="secondary" onClick={() => download(b())}>
                <Download size={16} aria-hidden="true" />
                {t('logbook.pdf')}
              </Button>
            </div>
            <Show when={b().mine && !b().can_write}>
              <p class="text-sm text-muted">{t('logbook.notEnrolled')}</p>
            </Show>
          </header>
          <Show when={editing() === 'new'}>
            <EntryForm
              courseId={b().course.id}
              tenantId={tenant().id}
              studentId={b().student.id}
              lessons={b().lessons}
              onDone={() => setEditing()}
            />
          </Show>
          <SessionNotes notes={b().session_notes} />
          <Show
            when={b().entries.length > 0}
            fallback={
              <EmptyState icon={<NotebookPen size={28} />} title={t('logbook.empty')}>
                {b().mine
                  ? t('logbook.emptyStudent')
                  : b().can_comment
                    ? t('logbook.emptyOther')
                    : t('logbook.emptyParent')}
              </EmptyState>
            }
          >
            <Entries book={b()} editing={editing()} onEdit={setEditing} />
            <For each={older()}>
              {(before) => (
                <OlderEntries
                  book={b()}
                  before={before}
                  editing={editing()}
                  onEdit={setEditing}
                  onMore={(next) => setOlder((list) => [...list, next])}
                  last={older().at(-1) === before}
                />
              )}
            </For>
            <Show when={older().length === 0 && b().next_before}>
              {(next) => <MoreButton onClick={() => setOlder([next()])} />}
            </Show>
          </Show>
        </>
      )}
    </Show>
  )
}

function MoreButton(props: { onClick: () => void }) {
  return (
    <Button variant="secondary" class="w-full" onClick={props.onClick}>
      {t('logbook.older')}
    </Button>
  )
}

/** A page of entries: each a card, or the form while it is being changed. */
function Entries(props: {
  book: LogbookData
  entries?: LogbookData['entries']
  editing: string | undefined
  onEdit: (id: string | undefined) => void
}) {
  const tenant = useTenant()
  return (
    <div class="space-y-4">
      <For each={props.entries ?? props.book.entries}>
        {(entry) => (
          <Show
            when={props.editing === entry.id}
            fallback={
              <EntryCard
                entry={entry}
                own={props.book.mine}
                canComment={props.book.can_comment}
                onEdit={() => props.onEdit(entry.id)}
              />
            }
          >
            <EntryForm
              courseId={props.book.course.id}
              tenantId={tenant().id}
              studentId={props.book.student.id}
              lessons={props.book.lessons}
              entry={entry}
              onDone={() => props.onEdit(undefined)}
            />
          </Show>
        )}
      </For>
    </div>
  )
}

function OlderEntries(props: {
  book: LogbookData
  before: string
  editing: string | undefined
  onEdit: (id: string | undefined) => void
  onMore: (next: string) => void
  last: boolean
}) {
  const page = createAsync(() =>
    getLogbook(props.book.course.id, props.book.mine ? undefined : props.book.student.id, props.before),
  )
  return (
    <Boundary fallback={<ListSkeleton rows={3} />}>
      <Show when={page()}>
        {(p) => (
          <>
            <Entries book={props.book} entries={p().entries} editing={props.editing} onEdit={props.onEdit} />
            <Show when={props.last && p().next_before}>
              {(next) => <MoreButton onClick={() => props.onMore(next())} />}
            </Show>
          </>
        )}
      </Show>
    </Boundary>
  )
}
