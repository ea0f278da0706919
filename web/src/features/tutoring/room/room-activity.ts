import { createSignal } from 'solid-js'
import { createStore, produce } from 'solid-js/store'
import type { z } from 'zod'
import { type SessionDetail, SessionMessage, WaitingPerson } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import type { LiveEvent } from '../../../lib/live.ts'
import { lastMessageId, mergeMessages } from '../../../lib/message-log.ts'
import { getAdmissions, messagesAfter, postTutoringMessage } from '../api.ts'
import { messages as roomMessages } from './messages.ts'
import type { RoomTransport } from './room-transport.ts'

// What happens in a room besides media, from its live topic `session:<id>`: the chat, raised
// hands, who comes and goes, the tutor's moderation (mute, remove, end) and the waiting room.

type WaitingEntry = z.infer<typeof WaitingPerson>

export interface RoomActivityOptions {
  session: SessionDetail
  me: { id: string }
  /** Publishes on the room's topic (false while the socket is down). */
  publish: (event: string, data: unknown) => boolean
  /** The transport, for the tutor's mute. */
  transport: () => RoomTransport | undefined
  /** The tutor ended the session for everyone. */
  onEnded: () => void
  /** The tutor removed me, with the reason they gave. */
  onRemoved: (reason: string) => void
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const t = translator(roomMessages)

const MUTE_NOTICES = { audio: 'mute.audio', video: 'mute.video', all: 'mute.all' } as const

type MuteNotice = (typeof MUTE_NOTICES)[keyof typeof MUTE_NOTICES]

/** The room's chat, hands, notices and waiting list; see the module comment. */
export function createRoomActivity(opts: RoomActivityOptions) {
  const id = opts.session.id
  const [messages, setMessages] = createSignal<SessionMessage[]>([])
  const [hands, setHands] = createStore<Record<string, boolean>>({})
  const [waiting, setWaiting] = createSignal<WaitingEntry[]>([])
  // The key, not the text: a notice on screen follows a change of language.
  const [notice, setNotice] = createSignal<MuteNotice>()
  const [myHand, setMyHand] = createSignal(false)
  /** Set once the tutor removed me (the topic is refused right after). */
  let removedReason: string | undefined

  function addMessages(list: SessionMessage[]) {
    if (list.length > 0) setMessages((prev) => mergeMessages(prev, list))
  }

  function mute(kind: unknown) {
    const transport = opts.transport()
    if (!transport) return
    if (kind === 'audio' || kind === 'all') void transport.setMic(false).catch(() => {})
    if (kind === 'video' || kind === 'all') void transport.setCamera(false).catch(() => {})
    setNotice(MUTE_NOTICES[kind === 'video' || kind === 'all' ? kind : 'audio'])
  }

  async function loadWaiting() {
    if (!opts.session.can_manage || !opts.session.waiting_room) return
    try {
      setWaiting(await getAdmissions(id))
    } catch {
      // The live `waiting` events still arrive; the list fills as people knock.
    }
  }

  return {
    messages,
    hands,
    waiting,
    setWaiting,
    notice: (): string | undefined => {
      const key = notice()
      return key ? t(key) : undefined
    },
    clearNotice: () => setNotice(),
    myHand,
    removedReason: () => removedReason,

    /** An event of the room's topic (the transport gets its own first). */
    handle(event: LiveEvent) {
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
          else if (myHand()) opts.publish('hand', { raised: true })
          return
        case 'ended':
          return opts.onEnded()
        case 'removed':
          if (!isRecord(data) || typeof data.user_id !== 'string') return
          if (data.user_id === opts.me.id) {
            removedReason = typeof data.reason === 'string' ? data.reason : ''
            opts.onRemoved(removedReason)
          } else setHands(data.user_id, false)
          return
        case 'mute':
          if (isRecord(data) && data.user_id === opts.me.id) mute(data.kind)
          return
        case 'waiting': {
          const person = WaitingPerson.safeParse(data)
          if (person.success)
            setWaiting((list) => [...list.filter((w) => w.user_id !== person.data.user_id), person.data])
          return
        }
        case 'admission':
          if (isRecord(data) && typeof data.user_id === 'string')
            setWaiting((list) => list.filter((w) => w.user_id !== data.user_id))
          return
      }
    },

    /** The topic was (re)subscribed: say my hand again, load the waiting list once, catch up the chat. */
    subscribed(first: boolean) {
      if (myHand()) opts.publish('hand', { raised: true })
      if (first) void loadWaiting()
      // Chat lines sent while the socket was down.
      void messagesAfter(id, lastMessageId(messages()))
        .then(addMessages)
        .catch(() => {})
    },

    async send(body: string, attachments: { path: string; name: string }[] = []) {
      addMessages([await postTutoringMessage(id, body, attachments)])
    },
    toggleHand() {
      const raised = !myHand()
      if (!opts.publish('hand', { raised })) return
      setMyHand(raised)
      setHands(opts.me.id, raised)
    },
    /** Forgets the chat and hands (back to the pre-join screen). */
    clear() {
      setMessages([])
      setHands(
        produce((h) => {
          for (const k of Object.keys(h)) delete h[k]
        }),
      )
    },
  }
}
