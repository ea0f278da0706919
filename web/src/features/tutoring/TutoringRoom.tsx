import { A, createAsync, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { createMemo, Match, Show, Switch } from 'solid-js'
import type { Member } from '../../../../edge/contract/tenancy.ts'
import type { SessionDetail } from '../../../../edge/contract/tutoring.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { TutoringTime } from './components/TutoringTime.tsx'
import { messages } from './messages.ts'
import { createRoom } from './room/createRoom.ts'
import { PreJoin } from './room/PreJoin.tsx'
import { RoomNotice } from './room/RoomNotice.tsx'
import { RoomView } from './room/RoomView.tsx'
import { getMembers, getTutoringSession } from './TutoringRoom.data.ts'

const t = translator(messages)

/** /t/:slug/sessions/:id/room — the pre-join check, then the video room itself. */
export default function TutoringRoom() {
  const params = useParams()
  const tenant = useTenant()
  const href = () => `/t/${tenant().slug}/sessions/${params.id}`
  return (
    <div>
      <A href={href()} class="link mb-4 inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} />
        {t('room.back')}
      </A>
      <Boundary keys={[getTutoringSession.keyFor(params.id ?? ''), getMembers.keyFor(tenant().id)]}>
        <RoomLoader id={params.id ?? ''} sessionHref={href()} />
      </Boundary>
    </div>
  )
}

function RoomLoader(props: { id: string; sessionHref: string }) {
  const tenant = useTenant()
  const session = createAsync(() => getTutoringSession(props.id))
  const members = createAsync(() => getMembers(tenant().id))
  usePageTitle(() => {
    const title = session()?.title
    return title === undefined ? undefined : t('room.docTitle', { title })
  })
  return (
    <Show when={session() && members()}>
      <Room session={session()!} members={members()!} sessionHref={props.sessionHref} />
    </Show>
  )
}

function Room(props: { session: SessionDetail; members: Member[]; sessionHref: string }) {
  const { session: auth } = useApp()
  const names = createMemo(() => new Map(props.members.map((m) => [m.user_id, m.display_name])))
  const pictures = createMemo(() => new Map(props.members.map((m) => [m.user_id, m.avatar_path])))
  const room = createRoom({
    session: props.session,
    me: { id: auth.userId() ?? '', name: auth.displayName() },
    nameOf: (id) => names().get(id),
    avatarOf: (id) => pictures().get(id),
  })
  const prejoin = () => room.phase().kind === 'prejoin' || room.phase().kind === 'joining'
  return (
    <Switch fallback={<RoomNotice room={room} sessionHref={props.sessionHref} />}>
      <Match when={prejoin()}>
        <div class="mb-4 sm:mb-6">
          <h1 class="text-xl font-bold tracking-tight sm:text-2xl">{props.session.title}</h1>
          <TutoringTime
            starts_at={props.session.starts_at}
            ends_at={props.session.ends_at}
            zone={props.session.time_zone}
            withDay
            class="mt-1 text-sm"
          />
        </div>
        <Show
          when={props.session.my_role}
          fallback={
            <p role="alert" class="card p-6 text-center text-muted">
              {t('room.notAllowed')}{' '}
              <A href={props.sessionHref} class="link">
                {t('room.bookLink')}
              </A>
              .
            </p>
          }
        >
          <PreJoin room={room} />
        </Show>
      </Match>
      <Match when={room.phase().kind === 'in-room' && room.transport()}>
        {(transport) => <RoomView room={room} transport={transport()} />}
      </Match>
    </Switch>
  )
}
