import { A, createAsync, revalidate } from '@solidjs/router'
import Shuffle from 'lucide-solid/icons/shuffle'
import Trash from 'lucide-solid/icons/trash'
import Users from 'lucide-solid/icons/users'
import { createSignal, For, Show } from 'solid-js'
import type { AssignmentGroups } from '../../../../../edge/contract/assignment-groups.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Boundary } from '../../../ui/Boundary.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { ListSkeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getAssignment, getAssignments } from '../api.ts'
import { createGroup, deleteGroup, getGroups, moveMember, randomGroups, renameGroup } from '../groups-api.ts'
import { messages } from './group-messages.ts'

const t = translator(messages)

// Group assignments' pages, one lazy chunk: the teachers' group manager (assignment settings), the
// student's "Group work with: …" (assignment page) and the groups in the submissions list.

/** The names of the caller's group's other members, in order (the caller is left out). */
export function groupMates(groups: AssignmentGroups, me: string | undefined): string[] {
  return (groups.groups[0]?.members ?? []).filter((m) => m.user_id !== me).map((m) => m.name)
}

/** Teachers (assignment settings): make, rename, delete groups; move students; random groups. */
export function GroupManager(props: { assignmentId: string; courseId: string }) {
  return (
    <section aria-labelledby="groups-heading" class="card mt-6 space-y-4 p-5 sm:p-6">
      <div>
        <h2 id="groups-heading" class="text-lg font-semibold">
          {t('groups.title')}
        </h2>
        <p class="mt-1 text-sm text-muted">{t('groups.intro')}</p>
      </div>
      <Boundary keys={getGroups.keyFor(props.assignmentId)} fallback={<ListSkeleton rows={2} />}>
        <Manager assignmentId={props.assignmentId} courseId={props.courseId} />
      </Boundary>
    </section>
  )
}

function Manager(props: { assignmentId: string; courseId: string }) {
  const groups = createAsync(() => getGroups(props.assignmentId))
  const [name, setName] = createSignal('')
  const [size, setSize] = createSignal('3')
  const [pending, setPending] = createSignal(false)
  const [randomising, setRandomising] = createSignal(false)
  const [problem, setProblem] = createSignal<string>()

  async function act(change: () => Promise<unknown>) {
    setPending(true)
    setProblem(undefined)
    try {
      await change()
      await revalidate([
        getGroups.keyFor(props.assignmentId),
        getAssignment.keyFor(props.assignmentId),
        getAssignments.keyFor(props.courseId),
      ])
      toast.success(t('groups.saved'))
    } catch (error) {
      setProblem(errorMessage(error))
    } finally {
      setPending(false)
    }
  }

  const groupOptions = (g: AssignmentGroups) => [
    { value: '', label: t('groups.noGroup') },
    ...g.groups.map((x) => ({ value: x.id, label: x.name })),
  ]
  const sizeNumber = () => Number(size())
  const sizeOk = () => Number.isInteger(sizeNumber()) && sizeNumber() >= 2 && sizeNumber() <= 20

  return (
    <Show when={groups()}>
      {(g) => (
        <div class="space-y-4">
          <Show when={problem()}>{(p) => <FormAlert tone="error">{p()}</FormAlert>}</Show>
          <Show when={g().can_manage}>
            <div class="flex flex-col gap-3 sm:flex-row sm:items-end">
              <form
                class="flex flex-1 items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault()
                  const n = name().trim()
                  if (n) void act(() => createGroup(props.assignmentId, n).then(() => setName('')))
                }}
              >
                <TextField
                  class="flex-1"
                  label={t('groups.newName')}
                  name="group_name"
                  value={name()}
                  onValue={setName}
                  maxLength={100}
                />
                <Button type="submit" variant="secondary" pending={pending()} disabled={!name().trim()}>
                  {t('groups.add')}
                </Button>
              </form>
              <div class="flex items-end gap-2">
                <TextField
                  class="w-32"
                  label={t('groups.randomSize')}
                  name="group_size"
                  inputMode="numeric"
                  value={size()}
                  onValue={setSize}
                />
                <Button
                  variant="secondary"
                  disabled={!sizeOk() || pending()}
                  onClick={() => setRandomising(true)}
                >
                  <Shuffle size={16} aria-hidden="true" />
                  {t('groups.random')}
                </Button>
              </div>
            </div>
          </Show>

          <Show
            when={g().groups.length > 0}
            fallback={
              <EmptyState icon={<Users size={28} />} title={t('groups.title')}>
                {t('groups.empty')}
              </EmptyState>
            }
          >
            <ul class="grid gap-3 sm:grid-cols-2">
              <For each={g().groups}>
                {(group) => (
                  <li class="rounded-xl border border-line p-3">
                    <GroupName
                      id={group.id}
                      name={group.name}
                      canManage={g().can_manage && !pending()}
                      onRename={(next) => act(() => renameGroup(group.id, next))}
                      onDelete={() => act(() => deleteGroup(group.id))}
                      handedIn={group.submission !== null}
                    />
                    <p class="mt-1 text-xs text-muted">
                      {t('groups.members', { count: group.members.length })} ·{' '}
                      {group.submission ? t('groups.handedIn') : t('groups.notHandedIn')}
                    </p>
                    <ul class="mt-2 space-y-2">
                      <For each={group.members}>
                        {(m) => (
                          <li>
                            <Show when={g().can_manage} fallback={<span class="text-sm">{m.name}</span>}>
                              <SelectField
                                label={t('groups.moveLabel', { name: m.name })}
                                value={group.id}
                                options={groupOptions(g())}
                                onValue={(to) =>
                                  act(() => moveMember(props.assignmentId, m.user_id, to || null))
                                }
                              />
                            </Show>
                          </li>
                        )}
                      </For>
                    </ul>
                  </li>
                )}
              </For>
            </ul>
          </Show>

          <Show when={g().can_manage}>
            <div>
              <h3 class="text-sm font-semibold">{t('groups.unassigned')}</h3>
              <Show
                when={g().unassigned.length > 0}
                fallback={<p class="mt-1 text-sm text-muted">{t('groups.unassignedNone')}</p>}
              >
                <ul class="mt-2 grid gap-2 sm:grid-cols-2">
                  <For each={g().unassigned}>
                    {(m) => (
                      <li>
                        <SelectField
                          label={t('groups.moveLabel', { name: m.name })}
                          value=""
                          options={groupOptions(g())}
                          onValue={(to) => to && act(() => moveMember(props.assignmentId, m.user_id, to))}
                        />
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          </Show>

          <ConfirmDialog
            open={randomising()}
            onOpenChange={setRandomising}
            title={t('groups.random')}
            confirmLabel={t('groups.random')}
            onConfirm={() => act(() => randomGroups(props.assignmentId, sizeNumber(), t('groups.prefix')))}
          >
            <p>{t('groups.randomConfirm', { size: sizeNumber() })}</p>
          </ConfirmDialog>
        </div>
      )}
    </Show>
  )
}

function GroupName(props: {
  id: string
  name: string
  canManage: boolean
  handedIn: boolean
  onRename: (name: string) => Promise<void>
  onDelete: () => Promise<void>
}) {
  const [draft, setDraft] = createSignal(props.name)
  return (
    <Show when={props.canManage} fallback={<h3 class="font-semibold break-words">{props.name}</h3>}>
      <form
        class="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          const next = draft().trim()
          if (next && next !== props.name) void props.onRename(next)
        }}
      >
        <TextField
          class="flex-1"
          label={t('groups.rename', { name: props.name })}
          name={`group-${props.id}`}
          value={draft()}
          onValue={setDraft}
          maxLength={100}
        />
        <Button type="submit" variant="ghost" class="min-h-9 px-2">
          {t('groups.save')}
        </Button>
        <Show when={!props.handedIn}>
          <Button
            variant="ghost"
            class="min-h-9 px-2 text-danger"
            aria-label={t('groups.delete', { name: props.name })}
            onClick={() => void props.onDelete()}
          >
            <Trash size={16} aria-hidden="true" />
          </Button>
        </Show>
      </form>
    </Show>
  )
}

/** Students (assignment page): "Group work with: …", or that they are in no group yet. */
export function MyGroup(props: { assignmentId: string }) {
  const app = useApp()
  const groups = createAsync(() => getGroups(props.assignmentId).catch(() => undefined))
  return (
    <Show when={groups()}>
      {(g) => (
        <FormAlert tone={g().groups.length > 0 ? 'info' : 'warn'}>
          <Show when={g().groups[0]} fallback={<p>{t('student.noGroup')}</p>}>
            {(group) => {
              const mates = () => groupMates(g(), app.session.userId() ?? undefined)
              return (
                <>
                  <p class="font-medium">
                    {mates().length > 0
                      ? t('student.with', { names: mates().join(', ') })
                      : t('student.alone', { group: group().name })}
                  </p>
                  <p class="mt-1">{t('student.sharedNote')}</p>
                </>
              )
            }}
          </Show>
        </FormAlert>
      )}
    </Show>
  )
}

/** Teachers (submissions list): each group, its members and its work, linked to grading. */
export function GroupsWork(props: { assignmentId: string }) {
  const tenant = useTenant()
  const groups = createAsync(() => getGroups(props.assignmentId))
  return (
    <Show when={groups()}>
      {(g) => (
        <section aria-labelledby="group-work-heading" class="card p-4 sm:p-5">
          <h2 id="group-work-heading" class="font-semibold">
            {t('list.title')}
          </h2>
          <Show
            when={g().groups.length > 0}
            fallback={<p class="mt-2 text-sm text-muted">{t('groups.empty')}</p>}
          >
            <div class="mt-3 overflow-x-auto">
              <table class="w-full text-left text-sm">
                <thead class="text-muted">
                  <tr>
                    <th scope="col" class="py-2 pr-3 font-medium">
                      {t('list.group')}
                    </th>
                    <th scope="col" class="py-2 pr-3 font-medium">
                      {t('list.members')}
                    </th>
                    <th scope="col" class="py-2 font-medium">
                      {t('list.status')}
                    </th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-line">
                  <For each={g().groups}>
                    {(group) => (
                      <tr>
                        <th scope="row" class="py-2 pr-3 font-medium">
                          {group.name}
                        </th>
                        <td class="py-2 pr-3">{group.members.map((m) => m.name).join(', ') || '—'}</td>
                        <td class="py-2">
                          <Show
                            when={group.submission}
                            fallback={<span class="text-muted">{t('groups.notHandedIn')}</span>}
                          >
                            {(s) => (
                              <A
                                class="link"
                                href={`/t/${tenant().slug}/submissions/${s().id}`}
                                aria-label={t('list.open', { name: group.name })}
                              >
                                {t('groups.handedIn')}
                              </A>
                            )}
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </section>
      )}
    </Show>
  )
}
