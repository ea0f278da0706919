import { A, createAsync, revalidate, useNavigate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Trash from 'lucide-solid/icons/trash'
import { createSignal, type JSX, Match, Show, Switch } from 'solid-js'
import type { SessionDetail } from '../../../edge/contract/tutoring.ts'
import { deleteSession, getSessions } from '../api/sessions.ts'
import { ChatMessages } from '../components/Room/ChatMessages.tsx'
import { AttendanceTable } from '../components/Sessions/AttendanceTable.tsx'
import { BookingsList } from '../components/Sessions/BookingsList.tsx'
import { JoinButton } from '../components/Sessions/JoinButton.tsx'
import { NotesEditor } from '../components/Sessions/NotesEditor.tsx'
import { SessionBadges, seatsText } from '../components/Sessions/SessionCard.tsx'
import { SessionTime } from '../components/Sessions/SessionTime.tsx'
import { useBooking } from '../components/Sessions/useBooking.ts'
import { isAdminRole, useTenant } from '../components/Tenant/TenantContext.tsx'
import { Boundary } from '../components/UI/Boundary.tsx'
import { Button } from '../components/UI/Button.tsx'
import { ConfirmDialog } from '../components/UI/ConfirmDialog.tsx'
import { usePageTitle } from '../components/UI/Page.tsx'
import { ListSkeleton } from '../components/UI/Skeleton.tsx'
import { toast } from '../components/UI/Toaster.tsx'
import { cancelUntil, formatShortDateTime, roomWindow } from '../lib/room-time.ts'
import { useApp } from '../state/AppContext.tsx'
import { useNow } from '../state/now.ts'
import { getAttendance, getSession, getSessionMessages } from './Session.data.ts'

/** /t/:slug/sessions/:id — a session: details, booking, the way into the room, and afterwards its record. */
export default function SessionPage() {
  const params = useParams()
  const tenant = useTenant()
  return (
    <div>
      <A href={`/t/${tenant().slug}/sessions`} class="link mb-4 inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} />
        All sessions
      </A>
      <Boundary keys={getSession.keyFor(params.id ?? '')}>
        <SessionView id={params.id ?? ''} />
      </Boundary>
    </div>
  )
}

function SessionView(props: { id: string }) {
  const session = createAsync(() => getSession(props.id))
  usePageTitle(() => session()?.title)
  return <Show when={session()}>{(s) => <SessionBody session={s()} />}</Show>
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

function SessionBody(props: { session: SessionDetail }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const { session: auth } = useApp()
  const now = useNow()
  const booking = useBooking()
  const [deleting, setDeleting] = createSignal(false)
  const s = () => props.session
  const roomHref = () => `/t/${tenant().slug}/sessions/${s().id}/room`
  const phase = () => (s().status === 'cancelled' ? 'over' : roomWindow(s(), now()).phase)
  const student = () => tenant().role === 'student'
  const staff = () => s().can_manage || isAdminRole(tenant().role) || tenant().role === 'staff'
  const seesRecord = () => s().can_manage || s().booked_by_me || staff()
  const started = () => phase() !== 'early' || s().status === 'live' || s().status === 'ended'

  async function remove() {
    await deleteSession(s().id)
    toast.success('Session cancelled', s().title)
    await revalidate(getSessions.key)
    navigate(`/t/${tenant().slug}/sessions`, { replace: true })
  }

  return (
    <div class="space-y-6">
      <header class="card p-5 sm:p-6">
        <SessionBadges session={s()} />
        <h1 class="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{s().title}</h1>
        <SessionTime
          starts_at={s().starts_at}
          ends_at={s().ends_at}
          zone={s().time_zone}
          withDay
          class="mt-2"
        />
        <p class="mt-1 text-sm text-muted">
          With {s().instructor_id === auth.userId() ? 'you' : (s().instructor_name ?? 'a tutor')}
          <Show when={s().course_title}>{(c) => <> · {c()}</>}</Show> · {seatsText(s())}
        </p>
        <Show when={s().description}>
          <p class="mt-3 whitespace-pre-line">{s().description}</p>
        </Show>
        <div class="mt-5 flex flex-wrap items-center gap-3">
          <JoinButton session={s()} href={roomHref()} offerCheck />
          <Show when={student() && phase() !== 'over'}>
            <Switch>
              <Match when={s().booked_by_me && now() < cancelUntil(s())}>
                <Button
                  variant="secondary"
                  pending={booking.pending() === s().id}
                  onClick={() => booking.cancel(s())}
                >
                  Cancel booking
                </Button>
                <span class="text-sm text-muted">
                  You can cancel until {formatShortDateTime(s().cancel_until, s().time_zone)}.
                </span>
              </Match>
              <Match when={s().booked_by_me}>
                <span class="text-sm text-muted">You have a seat. It is too late to cancel.</span>
              </Match>
              <Match when={s().booked_count < s().capacity}>
                <Button pending={booking.pending() === s().id} onClick={() => booking.book(s())}>
                  Book a seat
                </Button>
              </Match>
              <Match when={true}>
                <span class="text-sm text-muted">This session is full.</span>
              </Match>
            </Switch>
          </Show>
          <Show when={s().can_manage && phase() === 'early' && s().status === 'scheduled'}>
            <Button
              variant="ghost"
              class="text-danger hover:bg-danger-soft"
              onClick={() => setDeleting(true)}
            >
              <Trash size={16} />
              Cancel session
            </Button>
          </Show>
        </div>
        <Show when={!s().my_role && phase() !== 'over' && !student()}>
          <p class="mt-3 text-sm text-muted">
            Only the tutor, booked students and the school's staff enter the room.
          </p>
        </Show>
      </header>

      <Show when={staff()}>
        <Section
          title="Bookings"
          id="bookings-heading"
          aside={<span class="text-sm text-muted">{seatsText(s())}</span>}
        >
          <BookingsList bookings={s().bookings} label="Bookings" />
        </Section>
      </Show>

      <Show when={staff() && started()}>
        <Section title="Attendance" id="attendance-heading">
          <Boundary keys={getAttendance.keyFor(s().id)} fallback={<ListSkeleton rows={2} />}>
            <Attendance id={s().id} zone={s().time_zone} />
          </Boundary>
        </Section>
      </Show>

      <Show when={s().notes !== null}>
        <Section
          title="Session notes"
          id="notes-heading"
          aside={<span class="text-sm text-muted">Only the tutor and staff see these.</span>}
        >
          <NotesEditor sessionId={s().id} initial={s().notes ?? ''} readOnly={!s().can_manage} />
        </Section>
      </Show>

      <Show when={seesRecord() && started()}>
        <Section
          title="Chat"
          id="chat-heading"
          aside={<span class="text-sm text-muted">Kept with the session</span>}
        >
          <Boundary keys={getSessionMessages.keyFor(s().id)} fallback={<ListSkeleton rows={2} />}>
            <Transcript id={s().id} meId={auth.userId() ?? undefined} />
          </Boundary>
        </Section>
      </Show>

      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title="Cancel this session?"
        confirmLabel="Cancel session"
        danger
        onConfirm={remove}
      >
        “{s().title}” stays in the record as cancelled; students with a seat can no longer join it.
      </ConfirmDialog>
    </div>
  )
}

function Attendance(props: { id: string; zone: string }) {
  const rows = createAsync(() => getAttendance(props.id))
  return <Show when={rows()}>{(r) => <AttendanceTable rows={r()} zone={props.zone} />}</Show>
}

function Transcript(props: { id: string; meId?: string }) {
  const messages = createAsync(() => getSessionMessages(props.id))
  return (
    <Show when={messages()}>
      {(m) => (
        <ChatMessages messages={m()} meId={props.meId} class="max-h-96" empty="Nobody wrote in the chat." />
      )}
    </Show>
  )
}
