import { batch, createEffect, createSignal, on, onCleanup } from 'solid-js'
import { createStore, produce } from 'solid-js/store'
import type { z } from 'zod'
import {
  type JoinResponse,
  type RoomRole,
  type SessionDetail,
  SessionMessage,
  sessionTopic,
  WaitingPerson,
} from '../../../../edge/contract/tutoring.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import {
  endSession,
  getAdmissions,
  joinSession,
  messagesAfter,
  postSessionMessage,
} from '../../api/sessions.ts'
import type { LiveEvent } from '../../lib/live.ts'
import { lastMessageId, mergeMessages } from '../../lib/message-log.ts'
import { createLiveKitTransport } from '../../lib/room-livekit.ts'
import type { JoinMedia } from '../../lib/room-media.ts'
import { createMeshTransport } from '../../lib/room-mesh.ts'
import { RoomError, type RoomTransport } from '../../lib/room-transport.ts'
import { liveClient, useLiveStatus } from '../../state/live.ts'

// One visit to a session's room: join (or wait to be let in), the transport (mesh or LiveKit),
// the room's live topic (chat, raised hands, moderation, the end), and leaving. Made by the room
// page and closed with it.

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

type WaitingEntry = z.infer<typeof WaitingPerson>

export interface RoomOptions {
  session: SessionDetail
  me: { id: string; name: string }
  /** Display names of the school's members, for mesh peers (LiveKit tells names itself). */
  nameOf: (userId: string) => string | undefined
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function createRoom(opts: RoomOptions) {
  const id = opts.session.id
  const topic = sessionTopic(id)
  const live = liveClient()
  const liveStatus = useLiveStatus()
  const [phase, setPhase] = createSignal<RoomPhase>({ kind: 'prejoin' })
  const [transport, setTransport] = createSignal<RoomTransport>()
  const [role, setRole] = createSignal<RoomRole>()
  const [messages, setMessages] = createSignal<SessionMessage[]>([])
  const [hands, setHands] = createStore<Record<string, boolean>>({})
  const [waiting, setWaiting] = createSignal<WaitingEntry[]>([])
  const [notice, setNotice] = createSignal<string>()
  const [myHand, setMyHand] = createSignal(false)
  let media: JoinMedia | undefined
  let leaveTopic: (() => void) | undefined
  let leaveUserTopic: (() => void) | undefined
  let removedReason: string | undefined
  let disposed = false

  function addMessages(list: SessionMessage[]) {
    if (list.length > 0) setMessages((prev) => mergeMessages(prev, list))
  }

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

  function onEvent(event: LiveEvent) {
    const t = transport()
    t?.handleLiveEvent?.(event)
    const data = event.data
    switch (event.event) {
      case 'chat': {
        const m = SessionMessage.safeParse(data)
        if (m.success) addMessages([m.data])
        return
      }
      case 'hand':
        if (event.from && isRecord(data)) setHands(event.from, data.raised === true)
        return
      case 'presence':
        if (!isRecord(data) || typeof data.user_id !== 'string') return
        if (data.present === false) setHands(data.user_id, false)
        // A newcomer has not seen my raised hand.
        else if (myHand()) live.publish(topic, 'hand', { raised: true })
        return
      case 'ended':
        shutdown({ kind: 'ended' })
        return
      case 'removed':
        if (!isRecord(data) || typeof data.user_id !== 'string') return
        if (data.user_id === opts.me.id) {
          removedReason = typeof data.reason === 'string' ? data.reason : ''
          shutdown({ kind: 'removed', reason: removedReason })
        } else setHands(data.user_id, false)
        return
      case 'mute':
        if (!isRecord(data) || data.user_id !== opts.me.id || !t) return
        if (data.kind === 'audio' || data.kind === 'all') void t.setMic(false).catch(() => {})
        if (data.kind === 'video' || data.kind === 'all') void t.setCamera(false).catch(() => {})
        setNotice(
          data.kind === 'video'
            ? 'The tutor turned off your camera.'
            : data.kind === 'all'
              ? 'The tutor turned off your microphone and camera.'
              : 'The tutor muted your microphone.',
        )
        return
      case 'waiting':
        {
          const person = WaitingPerson.safeParse(data)
          if (person.success)
            setWaiting((list) => [...list.filter((w) => w.user_id !== person.data.user_id), person.data])
        }
        return
      case 'admission':
        if (isRecord(data) && typeof data.user_id === 'string')
          setWaiting((list) => list.filter((w) => w.user_id !== data.user_id))
        return
    }
  }

  async function loadWaiting() {
    if (!opts.session.can_manage || !opts.session.waiting_room) return
    try {
      setWaiting(await getAdmissions(id))
    } catch {
      // The live `waiting` events still arrive; the list fills as people knock.
    }
  }

  function enter(answer: JoinResponse) {
    setRole(answer.role)
    const joinMedia = media ?? { micOn: false, cameraOn: false }
    const t =
      answer.transport === 'p2p'
        ? createMeshTransport({
            me: opts.me.id,
            role: answer.role,
            iceServers: answer.ice_servers,
            media: joinMedia,
            publish: (event, data, to) => live.publish(topic, event, data, to),
          })
        : createLiveKitTransport({
            url: answer.url,
            token: answer.token,
            role: answer.role,
            media: joinMedia,
          })
    // The transport owns the tracks now; a later join opens the devices again.
    media = undefined
    setTransport(t)
    setPhase({ kind: 'in-room' })
    let first = true
    leaveTopic = live.subscribe(topic, {
      onEvent,
      onSubscribed: () => {
        t.resync?.()
        if (myHand()) live.publish(topic, 'hand', { raised: true })
        if (first) {
          first = false
          void loadWaiting()
        }
        // Chat lines sent while the socket was down.
        void messagesAfter(id, lastMessageId(messages()))
          .then(addMessages)
          .catch(() => {})
      },
      onRefused: (_code, message) => {
        if (phase().kind !== 'in-room') return
        shutdown(
          removedReason !== undefined
            ? { kind: 'removed', reason: removedReason }
            : { kind: 'error', message, retry: false },
        )
      },
    })
    t.connect().catch((error) => {
      if (phase().kind !== 'in-room' || transport() !== t) return
      const message = error instanceof RoomError ? error.message : errorMessage(error)
      shutdown({ kind: 'error', message, retry: !(error instanceof RoomError) || error.retry })
    })
  }

  /** Knocks and waits for the tutor: the answer comes on `user:<me>` as `admission`. */
  function waitForAdmission() {
    setPhase({ kind: 'waiting' })
    if (leaveUserTopic) return
    let subscribedOnce = false
    leaveUserTopic = live.subscribe(`user:${opts.me.id}`, {
      onEvent: (event) => {
        if (event.event !== 'admission' || !isRecord(event.data) || event.data.session_id !== id) return
        if (event.data.status === 'admitted') {
          leaveUserTopic?.()
          leaveUserTopic = undefined
          void join()
        } else if (event.data.status === 'denied') shutdown({ kind: 'denied' })
      },
      onSubscribed: () => {
        // After a reconnect the decision may have been missed: ask again.
        if (subscribedOnce && phase().kind === 'waiting') void join()
        subscribedOnce = true
      },
    })
  }

  /** Asks the API for a way in and enters the room, the waiting room, or says why not. */
  async function join(joinMedia?: JoinMedia) {
    if (joinMedia) media = joinMedia
    if (phase().kind !== 'waiting') setPhase({ kind: 'joining' })
    try {
      const answer = await joinSession(id)
      if (disposed) return
      if ('status' in answer) return waitForAdmission()
      leaveUserTopic?.()
      leaveUserTopic = undefined
      enter(answer)
    } catch (error) {
      if (disposed) return
      const livekitRequired = error instanceof ApiError && error.code === 'livekit_required'
      const status = error instanceof ApiError ? error.status : 0
      shutdown({
        kind: 'error',
        message: errorMessage(error),
        retry: status === 0 || status >= 500 || status === 429,
        livekitRequired,
      })
    }
  }

  // LiveKit closes the room from its side too (removed, room deleted, connection lost).
  createEffect(
    on(
      () => transport()?.state.closedBy,
      (closedBy) => {
        if (!closedBy || phase().kind !== 'in-room') return
        if (closedBy === 'ended') shutdown({ kind: 'ended' })
        else if (closedBy === 'removed') shutdown({ kind: 'removed', reason: removedReason ?? '' })
        else
          shutdown({
            kind: 'error',
            message: 'The connection to the video server was lost.',
            retry: true,
          })
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
    messages,
    hands,
    waiting,
    notice,
    clearNotice: () => setNotice(),
    myHand,
    liveStatus,
    /** Someone's name: LiveKit's, the school's directory, the tutor's from the session. */
    nameOf(userId: string): string {
      if (userId === opts.me.id) return opts.me.name
      return (
        transport()?.state.peers[userId]?.name ??
        opts.nameOf(userId) ??
        (userId === opts.session.instructor_id ? (opts.session.instructor_name ?? undefined) : undefined) ??
        'Participant'
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
      setMessages([])
      setHands(
        produce((h) => {
          for (const k of Object.keys(h)) delete h[k]
        }),
      )
    },
    leave() {
      shutdown({ kind: 'left' })
    },
    async endForEveryone() {
      await endSession(id)
      shutdown({ kind: 'ended' })
    },
    async send(body: string) {
      addMessages([await postSessionMessage(id, body)])
    },
    toggleHand() {
      const raised = !myHand()
      if (!live.publish(topic, 'hand', { raised })) return
      setMyHand(raised)
      setHands(opts.me.id, raised)
    },
    setWaiting,
  }
}

export type RoomController = ReturnType<typeof createRoom>
