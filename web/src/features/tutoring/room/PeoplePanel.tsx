import Check from 'lucide-solid/icons/check'
import Hand from 'lucide-solid/icons/hand'
import MicOff from 'lucide-solid/icons/mic-off'
import UserX from 'lucide-solid/icons/user-x'
import X from 'lucide-solid/icons/x'
import { createSignal, For, Show } from 'solid-js'
import type { RoomRole } from '../../../../../edge/contract/tutoring.ts'
import { SESSION_LIMITS } from '../../../../../edge/contract/tutoring-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { roomRoleLabel } from '../../../lib/format.ts'
import { intlLocale, translator } from '../../../lib/i18n/i18n.ts'
import { Avatar } from '../../../ui/Avatar.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { AvatarImage } from '../../files/AvatarImage.tsx'
import { admit, muteParticipant, removeParticipant } from '../api.ts'
import type { RoomController } from './createRoom.ts'
import { messages } from './messages.ts'

const t = translator(messages)

interface Person {
  id: string
  name: string
  role: RoomRole | null
  micOn: boolean
  hand: boolean
  me: boolean
}

/** Who is in the room (and, for the tutor, who waits outside) with the tutor's controls. */
export function PeoplePanel(props: { room: RoomController }) {
  const room = props.room
  const moderator = () => room.session.can_manage
  const [removing, setRemoving] = createSignal<Person>()
  const [reason, setReason] = createSignal('')
  const [busy, setBusy] = createSignal<string>()

  const people = (): Person[] => {
    const transport = room.transport()
    const me: Person = {
      id: room.me.id,
      name: room.me.name,
      role: room.role() ?? null,
      micOn: transport?.state.local.micOn ?? false,
      hand: room.myHand(),
      me: true,
    }
    const others = Object.values(transport?.state.peers ?? {}).map((p) => ({
      id: p.id,
      name: room.nameOf(p.id),
      role: p.role,
      micOn: p.micOn,
      hand: !!room.hands[p.id],
      me: false,
    }))
    // Raised hands first, then by name.
    others.sort((a, b) => Number(b.hand) - Number(a.hand) || a.name.localeCompare(b.name, intlLocale()))
    return [me, ...others]
  }

  async function act(key: string, action: () => Promise<void>, failed: string) {
    setBusy(key)
    try {
      await action()
    } catch (error) {
      toast.error(failed, errorMessage(error))
    } finally {
      setBusy()
    }
  }

  return (
    <section aria-labelledby="people-heading" class="min-h-0 flex-1 overflow-y-auto p-4">
      <Show when={moderator() && room.session.waiting_room}>
        <h2 class="mb-2 text-sm font-semibold">
          {t('people.waitingRoom')} <span class="font-normal text-muted">{room.waiting().length}</span>
        </h2>
        <Show
          when={room.waiting().length > 0}
          fallback={<p class="mb-5 text-sm text-muted">{t('people.nobodyWaiting')}</p>}
        >
          <ul aria-label={t('people.waitingList')} class="mb-5 space-y-2">
            <For each={room.waiting()}>
              {(w) => {
                const name = () => w.name ?? room.nameOf(w.user_id)
                return (
                  <li class="flex items-center gap-2">
                    <Avatar userId={w.user_id} name={name()} size="sm" />
                    <span class="min-w-0 flex-1 truncate text-sm">{name()}</span>
                    <button
                      type="button"
                      class="btn-primary min-h-8 px-2.5 py-1 text-xs"
                      disabled={busy() === `admit:${w.user_id}`}
                      aria-label={t('people.admitLabel', { name: name() })}
                      onClick={() =>
                        act(
                          `admit:${w.user_id}`,
                          async () => {
                            await admit(room.session.id, w.user_id, true)
                            room.setWaiting((l) => l.filter((x) => x.user_id !== w.user_id))
                          },
                          t('people.admitFailed', { name: name() }),
                        )
                      }
                    >
                      <Check size={14} />
                      {t('people.admit')}
                    </button>
                    <button
                      type="button"
                      class="btn-ghost size-8 min-h-8 px-0"
                      disabled={busy() === `deny:${w.user_id}`}
                      aria-label={t('people.denyLabel', { name: name() })}
                      onClick={() =>
                        act(
                          `deny:${w.user_id}`,
                          async () => {
                            await admit(room.session.id, w.user_id, false)
                            room.setWaiting((l) => l.filter((x) => x.user_id !== w.user_id))
                          },
                          t('people.denyFailed', { name: name() }),
                        )
                      }
                    >
                      <X size={16} />
                    </button>
                  </li>
                )
              }}
            </For>
          </ul>
        </Show>
      </Show>
      <h2 id="people-heading" class="mb-2 text-sm font-semibold">
        {t('people.inRoom')} <span class="font-normal text-muted">{people().length}</span>
      </h2>
      <ul aria-label={t('people.inRoom')} class="space-y-2">
        <For each={people()}>
          {(p) => (
            <li class="flex items-center gap-2" data-testid="room-person" data-user={p.id}>
              <AvatarImage
                path={props.room.avatarOf(p.id)}
                class="size-7 shrink-0 rounded-full"
                fallback={<Avatar userId={p.id} name={p.name} size="sm" />}
              />
              <span class="min-w-0 flex-1 text-sm">
                <span class="block truncate font-medium">
                  {p.name}
                  {p.me ? ` ${t('people.you')}` : ''}
                </span>
                <Show when={roomRoleLabel(p.role)}>
                  <span class="block text-xs text-muted">{roomRoleLabel(p.role)}</span>
                </Show>
              </span>
              <Show when={p.hand}>
                <Hand size={16} class="text-accent-500" aria-label={t('hand.raised')} />
              </Show>
              <Show when={!p.micOn}>
                <MicOff size={16} class="text-muted" aria-label={t('mic.off')} />
              </Show>
              <Show when={moderator() && !p.me && p.role !== 'observer' && p.role !== 'moderator'}>
                <button
                  type="button"
                  class="btn-ghost size-8 min-h-8 px-0"
                  aria-label={t('people.mute', { name: p.name })}
                  title={t('people.mute', { name: p.name })}
                  disabled={!p.micOn || busy() === `mute:${p.id}`}
                  onClick={() =>
                    act(
                      `mute:${p.id}`,
                      () => muteParticipant(room.session.id, p.id, 'audio'),
                      t('people.muteFailed', { name: p.name }),
                    )
                  }
                >
                  <MicOff size={16} />
                </button>
                <button
                  type="button"
                  class="btn-ghost size-8 min-h-8 px-0 text-danger hover:bg-danger-soft"
                  aria-label={t('people.remove', { name: p.name })}
                  title={t('people.remove', { name: p.name })}
                  onClick={() => {
                    setReason('')
                    setRemoving(p)
                  }}
                >
                  <UserX size={16} />
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <FormDialog
        open={!!removing()}
        onOpenChange={(open) => !open && setRemoving()}
        title={t('people.removeTitle', { name: removing()?.name ?? '' })}
        description={t('people.removeText')}
        submitLabel={t('people.removeSubmit')}
        onSubmit={async () => {
          const person = removing()
          if (!person) return
          await removeParticipant(room.session.id, person.id, reason().trim() || undefined)
        }}
      >
        <TextField
          label={t('people.reason')}
          name="reason"
          value={reason()}
          onValue={setReason}
          maxLength={SESSION_LIMITS.reason}
          placeholder={t('people.reasonPlaceholder')}
        />
      </FormDialog>
    </section>
  )
}
