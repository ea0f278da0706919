import { batch, createEffect, createSignal, on, onCleanup } from 'solid-js'
import type { JoinResponse, RoomRole, SessionDetail } from '../../../../../edge/contract/tutoring.ts'
import { sessionTopic } from '../../../../../edge/contract/tutoring-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { liveClient, useLiveStatus } from '../../../shell/state/live.ts'
import { endTutoringSession, joinTutoringSession } from '../api.ts'
import { messages } from './messages.ts'
import { createRoomActivity } from './room-activity.ts'
import { readDataSaver, saveDataSaver } from './room-data-saver.ts'
import { joinFailure, openTransport, type RoomPublish, watchAdmission } from './room-join.ts'
import type { JoinMedia } from './room-media.ts'
import { RoomError, type RoomTransport } from './room-transport.ts'

// One visit to a session's room: join (or wait to be let in: room-join.ts), the transport (mesh
// or LiveKit), the room's live topic (room-activity.ts: chat, raised hands, moderation, the end),
// and leaving. Made by the room page and closed with it.

const t = translator(messages)

export type RoomPhase =
  | { kind: 'prejoin' }
  | { kind: 'joining' }
  | { kind: 'waiting' }
  | { kind: 'denied' }
  | { kind: 'in-room' }
  | { kind: 'left' }
  | { kind: 'ended' }
  | { kind: 'removed'; reason: string }
  | { kind: 'error'; message: string; retry: boolean; livekitRequired?: boolean }

export interface RoomOptions {
  session: SessionDetail
  me: { id: string; name: string }
  /** Display names of the school's members, for mesh peers (LiveKit tells names itself). */
  nameOf: (userId: string) => string | undefined
  /** Members' pictures (`avatars/…`), shown when someone's camera is off. */
  avatarOf?: (userId: string) => string | null | undefined
}

export function createRoom(opts: RoomOptions) {
  const id = opts.session.id
  const topic = sessionTopic(id)
  const live = liveClient()
  const liveStatus = useLiveStatus()
  const publish: RoomPublish = (event, data, to) => live.publish(topic, event, data, to)
  const [phase, setPhase] = createSignal<RoomPhase>({ kind: 'prejoin' })
  const [transport, setTransport] = createSignal<RoomTransport>()
  const [role, setRole] = createSignal<RoomRole>()
  const [dataSaver, setSaving] = createSignal(readDataSaver())
  const activity = createRoomActivity({
    session: opts.session,
    me: opts.me,
    publish,
    transport,
    onEnded: () => shutdown({ kind: 'ended' }),
    onRemoved: (reason) => shutdown({ kind: 'removed', reason }),
  })
  let media: JoinMedia | undefined
  let leaveTopic: (() => void) | undefined
  let leaveUserTopic: (() => void) | undefined
  let disposed = false

  /** Stops the pre-join camera and microphone when they never reached a transport. */
  function releaseMedia() {
    media?.mic?.stop()
    media?.camera?.stop()
    media = undefined
  }

  /** Closes the transport and the live subscriptions; the phase says what the person sees. */
  function shutdown(next: RoomPhase) {
    releaseMedia()
    batch(() => {
      transport()?.close()
      leaveTopic?.()
      leaveUserTopic?.()
      leaveTopic = leaveUserTopic = undefined
      setPhase(next)
    })
  }

  /** Inside: the transport connects while the room's topic carries everything else. */
  function enter(answer: JoinResponse) {
    setRole(answer.role)
    const next = openTransport(answer, opts.me.id, media ?? { micOn: false, cameraOn: false }, publish)
    // The transport owns the tracks now; a later join opens the devices again.
    media = undefined
    next.receiveVideo(!dataSaver())
    setTransport(next)
    setPhase({ kind: 'in-room' })
    let first = true
    leaveTopic = live.subscribe(topic, {
      onEvent: (event) => {
        next.handleLiveEvent?.(event)
        activity.handle(event)
      },
      onSubscribed: () => {
        next.resync?.()
        activity.subscribed(first)
        first = false
      },
      onRefused: (_code, message) => {
        if (phase().kind !== 'in-room') return
        const reason = activity.removedReason()
        shutdown(
          reason !== undefined ? { kind: 'removed', reason } : { kind: 'error', message, retry: false },
        )
      },
    })
    next.connect().catch((error) => {
      if (phase().kind !== 'in-room' || transport() !== next) return
      const message = error instanceof RoomError ? error.message : errorMessage(error)
      shutdown({ kind: 'error', message, retry: !(error instanceof RoomError) || error.retry })
    })
  }

  /** Knocks and waits for the tutor: the answer comes on `user:<me>` as `admission`. */
  function waitForAdmission() {
    setPhase({ kind: 'waiting' })
    if (leaveUserTopic) return
    leaveUserTopic = watchAdmission(live, {
      me: opts.me.id,
      sessionId: id,
      onAdmitted: () => {
        leaveUserTopic?.()
        leaveUserTopic = undefined
        void join()
      },
      onDenied: () => shutdown({ kind: 'denied' }),
      onMissed: () => phase().kind === 'waiting' && void join(),
    })
  }

  /** Asks the API for a way in and enters the room, the waiting room, or says why not. */
  async function join(joinMedia?: JoinMedia) {
    if (joinMedia) media = joinMedia
    if (phase().kind !== 'waiting') setPhase({ kind: 'joining' })
    try {
      const answer = await joinTutoringSession(id)
      if (disposed) return
      if ('status' in answer) return waitForAdmission()
      leaveUserTopic?.()
      leaveUserTopic = undefined
      enter(answer)
    } catch (error) {
      if (!disposed) shutdown(joinFailure(error))
    }
  }

  // LiveKit closes the room from its side too (removed, room deleted, connection lost).
  createEffect(
    on(
      () => transport()?.state.closedBy,
      (closedBy) => {
        if (!closedBy || phase().kind !== 'in-room') return
        if (closedBy === 'ended') shutdown({ kind: 'ended' })
        else if (closedBy === 'removed') shutdown({ kind: 'removed', reason: activity.removedReason() ?? '' })
        else shutdown({ kind: 'error', message: t('error.lost'), retry: true })
      },
    ),
  )

  onCleanup(() => {
    disposed = true
    transport()?.close()
    leaveTopic?.()
    leaveUserTopic?.()
    releaseMedia()
  })

  return {
    session: opts.session,
    me: opts.me,
    phase,
    transport,
    role,
    messages: activity.messages,
    hands: activity.hands,
    waiting: activity.waiting,
    setWaiting: activity.setWaiting,
    notice: activity.notice,
    clearNotice: activity.clearNotice,
    myHand: activity.myHand,
    liveStatus,
    /** Someone's picture from the school's directory, if they have one. */
    avatarOf: (userId: string) => opts.avatarOf?.(userId) ?? undefined,
    /** Someone's name: LiveKit's, the school's directory, the tutor's from the session. */
    nameOf(userId: string): string {
      if (userId === opts.me.id) return opts.me.name
      return (
        transport()?.state.peers[userId]?.name ??
        opts.nameOf(userId) ??
        (userId === opts.session.instructor_id ? (opts.session.instructor_name ?? undefined) : undefined) ??
        t('participant')
      )
    },
    /** True while anything between me and the others is down (banner). */
    reconnecting: () =>
      phase().kind === 'in-room' &&
      (liveStatus() === 'reconnecting' ||
        liveStatus() === 'connecting' ||
        transport()?.state.connection === 'reconnecting'),
    join,
    /** Goes back to the pre-join screen (after an error), keeping nothing open. */
    reset() {
      shutdown({ kind: 'prejoin' })
      setTransport(undefined)
      activity.clear()
    },
    leave() {
      shutdown({ kind: 'left' })
    },
    async endForEveryone() {
      await endTutoringSession(id)
      shutdown({ kind: 'ended' })
    },
    send: activity.send,
    toggleHand: activity.toggleHand,
    /** Sound only: the others' video is not received (room-data-saver.ts), remembered here. */
    dataSaver,
    setDataSaver(on: boolean) {
      setSaving(on)
      saveDataSaver(on)
      transport()?.receiveVideo(!on)
    },
  }
}

export type RoomController = ReturnType<typeof createRoom>
