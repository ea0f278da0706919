import { A } from '@solidjs/router'
import CircleAlert from 'lucide-solid/icons/circle-alert'
import DoorClosed from 'lucide-solid/icons/door-closed'
import Hourglass from 'lucide-solid/icons/hourglass'
import LoaderCircle from 'lucide-solid/icons/loader-circle'
import UserX from 'lucide-solid/icons/user-x'
import { type JSX, Match, Show, Switch } from 'solid-js'
import { P2P_MAX_PEERS } from '../../../../../edge/contract/tutoring-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import type { RoomController } from './createRoom.ts'
import { messages } from './messages.ts'

const t = translator(messages)

function Notice(props: {
  icon: JSX.Element
  title: string
  tone?: 'danger'
  children?: JSX.Element
  role?: 'status' | 'alert'
}) {
  return (
    <div
      role={props.role ?? 'status'}
      class="card mx-auto flex max-w-xl flex-col items-center px-6 py-10 text-center"
    >
      <div
        class="mb-4 rounded-full p-3"
        classList={{
          'bg-danger-soft text-danger': props.tone === 'danger',
          'bg-subtle text-muted': !props.tone,
        }}
      >
        {props.icon}
      </div>
      <h2 class="text-lg font-semibold">{props.title}</h2>
      {props.children}
    </div>
  )
}

/** What the room page shows when the person is not in the room: waiting, turned away, left, ended, removed, failed. */
export function RoomNotice(props: { room: RoomController; sessionHref: string }) {
  const phase = () => props.room.phase()
  const back = (
    <A href={props.sessionHref} class="btn-secondary">
      {t('notice.back')}
    </A>
  )
  return (
    <Switch>
      <Match when={phase().kind === 'waiting'}>
        <Notice icon={<Hourglass size={24} />} title={t('notice.waitingTitle')}>
          <p class="mt-2 text-muted">{t('notice.waitingText')}</p>
          <LoaderCircle size={20} class="mt-4 animate-spin text-muted" aria-hidden="true" />
          <div class="mt-6">{back}</div>
        </Notice>
      </Match>
      <Match when={phase().kind === 'denied'}>
        <Notice icon={<DoorClosed size={24} />} title={t('notice.deniedTitle')}>
          <p class="mt-2 text-muted">{t('notice.deniedText')}</p>
          <div class="mt-6">{back}</div>
        </Notice>
      </Match>
      <Match when={phase().kind === 'left'}>
        <Notice icon={<DoorClosed size={24} />} title={t('notice.leftTitle')}>
          <div class="mt-6 flex flex-wrap justify-center gap-3">
            <Button onClick={() => props.room.reset()}>{t('notice.joinAgain')}</Button>
            {back}
          </div>
        </Notice>
      </Match>
      <Match when={phase().kind === 'ended'}>
        <Notice icon={<DoorClosed size={24} />} title={t('notice.endedTitle')}>
          <p class="mt-2 text-muted">{t('notice.endedText')}</p>
          <div class="mt-6">{back}</div>
        </Notice>
      </Match>
      <Match when={phase().kind === 'removed' && phase()}>
        {(p) => (
          <Notice icon={<UserX size={24} />} title={t('notice.removedTitle')} tone="danger" role="alert">
            <p class="mt-2 text-muted" data-testid="removed-reason">
              {(p() as { reason: string }).reason
                ? t('notice.removedReason', { reason: (p() as { reason: string }).reason })
                : t('notice.removed')}
            </p>
            <div class="mt-6">{back}</div>
          </Notice>
        )}
      </Match>
      <Match when={phase().kind === 'error' && phase()}>
        {(p) => {
          const e = p() as { message: string; retry: boolean; livekitRequired?: boolean }
          return (
            <Notice
              icon={<CircleAlert size={24} />}
              title={t('notice.errorTitle')}
              tone="danger"
              role="alert"
            >
              <p class="mt-2 text-muted" data-testid="room-error">
                {e.message}
              </p>
              <Show when={e.livekitRequired}>
                <p class="mt-2 text-sm text-muted">{t('notice.livekit', { count: P2P_MAX_PEERS })}</p>
              </Show>
              <div class="mt-6 flex flex-wrap justify-center gap-3">
                <Show when={e.retry}>
                  <Button onClick={() => props.room.reset()}>{t('notice.retry')}</Button>
                </Show>
                {back}
              </div>
            </Notice>
          )
        }}
      </Match>
    </Switch>
  )
}
