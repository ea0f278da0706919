import { A, createAsync, revalidate, useNavigate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Trash from 'lucide-solid/icons/trash'
import { createSignal, type JSX, lazy, Show, Suspense } from 'solid-js'
import type { SessionDetail, UpdateSessionBody } from '../../../../edge/contract/tutoring.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useNow } from '../../shell/state/now.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { deleteTutoringSession, getTutoringSessions } from './api.ts'
import { AttendanceTable } from './components/AttendanceTable.tsx'
import { BookingsList } from './components/BookingsList.tsx'
import { EditTutoringForm } from './components/EditTutoringForm.tsx'
import { JoinButton } from './components/JoinButton.tsx'
import { NotesEditor } from './components/NotesEditor.tsx'
import { RemovedNotice, StudentBooking } from './components/StudentBooking.tsx'
import { seatsText, TutoringBadges } from './components/TutoringCard.tsx'
import { TutoringTime } from './components/TutoringTime.tsx'
import { messages } from './messages.ts'
import { ChatMessages } from './room/ChatMessages.tsx'
import { getAttendance, getTutoringMessages, getTutoringSession } from './TutoringSession.data.ts'
import { reschedules } from './tutoring-changes.ts'
import { isSchoolStaff } from './tutoring-roles.ts'
import { roomWindow } from './tutoring-time.ts'
import { useBooking } from './useBooking.ts'

// Only a session's tutor books a whole class: loaded for them alone.
const BookClass = lazy(() => import('./components/BookClass.tsx'))

const t = translator(messages)

/** /t/:slug/sessions/:id — a session: details, booking, the way into the room, and afterwards its record. */
export default function TutoringSessionPage() {
  const params = useParams()
  const tenant = useTenant()
  return (
    <div>
      <A href={`/t/${tenant().slug}/sessions`} class="link mb-4 inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} />
        {t('session.all')}
      </A>
      <Boundary keys={getTutoringSession.keyFor(params.id ?? '')}>
        <TutoringSessionView id={params.id ?? ''} />
      </Boundary>
    </div>
  )
}

function TutoringSessionView(props: { id: string }) {
  const session = createAsync(() => getTutoringSession(props.id))
  usePageTitle(() => session()?.title)
  return <Show when={session()}>{(s) => <TutoringSessionBody session={s()} />}</Show>
}

function Section(props: { title: string; id: string; children: JSX.Element; aside?: JSX.Element }) {
  return (
    <section aria-labelledby={props.id} class="card p-5 sm:p-6">
      <div class="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={props.id} class="text-lg font-semibold">
          {props.title}
        </h2>
        {props.aside}
      </div>
      {props.children}
    </section>
  )
}

function TutoringSessionBody(props: { session: SessionDetail }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const { session: auth } = useApp()
  const now = useNow()
  const booking = useBooking()
  const [deleting, setDeleting] = createSignal(false)
  const [editing, setEditing] = createSignal(false)
  const s = () => props.session
  const roomHref = () => `/t/${tenant().slug}/sessions/${s().id}/room`
  const phase = () => (s().status === 'cancelled' ? 'over' : roomWindow(s(), now()).phase)
  const student = () => tenant().role === 'student'
  const staff = () => s().can_manage || isSchoolStaff(tenant().role)
  const seesRecord = () => s().can_manage || s().booked_by_me || staff()
  const started = () => phase() !== 'early' || s().status === 'live' || s().status === 'ended'
  const changeable = () => s().can_manage && phase() === 'early' && s().status === 'scheduled'
  // The tutor's removal of this student (their seat was given back), while the session is not over.
  const removal = () => (student() && phase() !== 'over' ? s().my_removal : null)

  const tutorText = () => {
    if (s().instructor_id === auth.userId()) return t('session.withYou')
    const name = s().instructor_name
    return name ? t('session.withTutor', { name }) : t('session.withSomeTutor')
  }

  async function remove() {
    await deleteTutoringSession(s().id)
    toast.success(t('session.cancelled'), s().title)
    await revalidate(getTutoringSessions.key)
    navigate(`/t/${tenant().slug}/sessions`, { replace: true })
  }

  async function saved(changes: UpdateSessionBody) {
    setEditing(false)
    if (Object.keys(changes).length === 0) return
    const told = reschedules(changes) && s().booked_count > 0
    toast.success(t('edit.saved'), told ? t('edit.willTell', { count: s().booked_count }) : s().title)
    await revalidate([getTutoringSession.keyFor(s().id), getTutoringSessions.key])
  }

  return (
    <div class="space-y-6">
      <header class="card p-5 sm:p-6">
        <TutoringBadges session={s()} />
        <h1 class="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{s().title}</h1>
        <TutoringTime
          starts_at={s().starts_at}
          ends_at={s().ends_at}
          zone={s().time_zone}
          withDay
          class="mt-2"
        />
        <p class="mt-1 text-sm text-muted">
          {tutorText()}
          <Show when={s().course_title}>{(c) => <> · {c()}</>}</Show> · {seatsText(s())}
        </p>
        <Show when={s().description}>
          <p class="mt-3 whitespace-pre-line">{s().description}</p>
        </Show>
        <div class="mt-5 flex flex-wrap items-center gap-3">
          <JoinButton session={s()} href={roomHref()} offerCheck />
          <Show when={student() && phase() !== 'over'}>
            <StudentBooking session={s()} booking={booking} />
          </Show>
          <Show when={changeable() && !editing()}>
            <Button
              variant="secondary"
              aria-label={t('edit.openLabel', { title: s().title })}
              onClick={() => setEditing(true)}
            >
              {t('edit.open')}
            </Button>
          </Show>
          <Show when={changeable()}>
            <Button
              variant="ghost"
              class="text-danger hover:bg-danger-soft"
              onClick={() => setDeleting(true)}
            >
              <Trash size={16} />
              {t('session.cancel')}
            </Button>
          </Show>
        </div>
        <Show when={!s().my_role && phase() !== 'over' && !student()}>
          <p class="mt-3 text-sm text-muted">{t('session.onlyMembers')}</p>
        </Show>
        <Show when={removal()}>{(r) => <RemovedNotice removal={r()} />}</Show>
      </header>

      <Show when={editing() && changeable()}>
        <Suspense>
          <EditTutoringForm session={s()} onSaved={saved} onCancel={() => setEditing(false)} />
        </Suspense>
      </Show>

      <Show when={staff()}>
        <Section
          title={t('session.bookings')}
          id="bookings-heading"
          aside={<span class="text-sm text-muted">{seatsText(s())}</span>}
        >
          <BookingsList bookings={s().bookings} label={t('session.bookings')} />
          <Show when={s().can_manage && phase() !== 'over' && s().status === 'scheduled'}>
            <Suspense>
              <BookClass tenantId={tenant().id} sessionId={s().id} />
            </Suspense>
          </Show>
        </Section>
      </Show>

      <Show when={staff() && started()}>
        <Section title={t('session.attendance')} id="attendance-heading">
          <Boundary keys={getAttendance.keyFor(s().id)} fallback={<ListSkeleton rows={2} />}>
            <Attendance id={s().id} zone={s().time_zone} />
          </Boundary>
        </Section>
      </Show>

      <Show when={s().notes !== null}>
        <Section
          title={t('session.notes')}
          id="notes-heading"
          aside={<span class="text-sm text-muted">{t('session.notesPrivate')}</span>}
        >
          <NotesEditor sessionId={s().id} initial={s().notes ?? ''} readOnly={!s().can_manage} />
        </Section>
      </Show>

      <Show when={seesRecord() && started()}>
        <Section
          title={t('session.chat')}
          id="chat-heading"
          aside={<span class="text-sm text-muted">{t('session.chatKept')}</span>}
        >
          <Boundary keys={getTutoringMessages.keyFor(s().id)} fallback={<ListSkeleton rows={2} />}>
            <Transcript id={s().id} meId={auth.userId() ?? undefined} />
          </Boundary>
        </Section>
      </Show>

      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('session.confirmTitle')}
        confirmLabel={t('session.cancel')}
        dismissLabel={t('session.keep')}
        danger
        onConfirm={remove}
      >
        {t('session.confirmText', { title: s().title })}
      </ConfirmDialog>
    </div>
  )
}

function Attendance(props: { id: string; zone: string }) {
  const rows = createAsync(() => getAttendance(props.id))
  return <Show when={rows()}>{(r) => <AttendanceTable rows={r()} zone={props.zone} />}</Show>
}

function Transcript(props: { id: string; meId?: string }) {
  const messages = createAsync(() => getTutoringMessages(props.id))
  return (
    <Show when={messages()}>
      {(m) => <ChatMessages messages={m()} meId={props.meId} class="max-h-96" empty={t('session.noChat')} />}
    </Show>
  )
}
