import { createAsync, revalidate } from '@solidjs/router'
import UserPlus from 'lucide-solid/icons/user-plus'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import type { AuthorRole, CourseAuthor, CourseDetail } from '../../../../../edge/contract/courses.ts'
import { errorMessage } from '../../../api/errors.ts'
import { getMembers } from '../../../api/queries.ts'
import { personName, roleLabel } from '../../../lib/format.ts'
import { intlLocale, translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Avatar } from '../../../ui/Avatar.tsx'
import { Boundary } from '../../../ui/Boundary.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { SelectField } from '../../../ui/Field.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getCourse } from '../api.ts'
import { canCreateCourses } from '../course-roles.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const roleOptions = (): { value: AuthorRole; label: string }[] => [
  { value: 'editor', label: t('authors.editorOption') },
  { value: 'viewer', label: t('authors.viewerOption') },
]
const ROLE_SHORT = { editor: 'authors.editor', viewer: 'authors.viewer' } as const satisfies Record<
  AuthorRole,
  string
>

/** Co-authors of a course; managers add instructors of the school, change their role and remove them. */
export function AuthorsPanel(props: { course: CourseDetail }) {
  const { session } = useApp()
  const manage = () => props.course.my_access.manage
  const [error, setError] = createSignal<string>()
  const [pending, setPending] = createSignal<string>()
  const [removing, setRemoving] = createSignal<CourseAuthor>()
  const refresh = () => revalidate(getCourse.keyFor(props.course.id))
  const nameOf = personName
  const editors = () => props.course.authors.filter((a) => a.role === 'editor').length

  async function setRole(
    author: { user_id: string; display_name: string; email: string | null },
    role: AuthorRole,
    added = false,
  ) {
    setError()
    setPending(author.user_id)
    try {
      await api().put(
        '/courses/:id/authors/:userId',
        { role },
        { params: { id: props.course.id, userId: author.user_id } },
      )
      await refresh()
      const name = nameOf(author)
      const editor = role === 'editor'
      if (added)
        toast.success(
          t('authors.added'),
          t(editor ? 'authors.addedEditor' : 'authors.addedViewer', { name, title: props.course.title }),
        )
      else
        toast.success(t('authors.updated'), t(editor ? 'authors.nowEditor' : 'authors.nowViewer', { name }))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPending()
    }
  }

  async function remove(author: CourseAuthor) {
    await api().delete('/courses/:id/authors/:userId', {
      params: { id: props.course.id, userId: author.user_id },
    })
    toast.success(
      t('authors.removed'),
      t('authors.removedText', { name: nameOf(author), title: props.course.title }),
    )
    await refresh()
  }

  return (
    <section aria-labelledby="authors-heading" class="card p-5">
      <h2 id="authors-heading" class="font-semibold">
        {t('authors.title')}
      </h2>
      <p class="mt-1 text-sm text-muted">{t('authors.intro')}</p>
      <Show when={error()}>
        <FormAlert class="mt-3" title={t('authors.changeFailed')}>
          <p>{error()}</p>
        </FormAlert>
      </Show>
      <ul class="mt-4 space-y-3">
        <For each={props.course.authors}>
          {(a) => (
            <li class="flex flex-wrap items-center gap-x-3 gap-y-2">
              <Avatar userId={a.user_id} name={nameOf(a)} />
              <span class="min-w-0 flex-1 basis-40">
                <span class="block truncate text-sm font-medium">
                  {nameOf(a)}
                  <Show when={a.user_id === session.userId()}>
                    <span class="ml-1 text-xs font-normal text-muted">{t('authors.you')}</span>
                  </Show>
                </span>
                <Show when={a.email}>
                  <span class="block truncate text-xs text-muted">{a.email}</span>
                </Show>
              </span>
              <Show
                when={manage()}
                fallback={<span class="badge bg-subtle text-fg">{t(ROLE_SHORT[a.role])}</span>}
              >
                <span class="ml-auto flex items-center gap-1">
                  <label class="sr-only" for={`author-role-${a.user_id}`}>
                    {t('authors.roleFor', { name: nameOf(a) })}
                  </label>
                  <select
                    id={`author-role-${a.user_id}`}
                    class="input min-h-9 w-auto py-1 pr-7 text-sm"
                    value={a.role}
                    disabled={pending() === a.user_id}
                    onChange={(e) => {
                      const role = e.currentTarget.value as AuthorRole
                      if (role !== a.role) void setRole(a, role)
                    }}
                  >
                    <option value="editor" selected={a.role === 'editor'}>
                      {t('authors.editor')}
                    </option>
                    <option value="viewer" selected={a.role === 'viewer'}>
                      {t('authors.viewer')}
                    </option>
                  </select>
                  <button
                    type="button"
                    class="btn-ghost min-h-9 px-2 py-1 text-sm text-danger hover:bg-danger-soft disabled:opacity-40"
                    aria-label={t('authors.removeLabel', { name: nameOf(a) })}
                    disabled={a.role === 'editor' && editors() <= 1}
                    title={a.role === 'editor' && editors() <= 1 ? t('authors.lastEditor') : undefined}
                    onClick={() => setRemoving(a)}
                  >
                    {t('remove')}
                  </button>
                </span>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={manage()}>
        <Boundary fallback={<Skeleton class="mt-5 h-24 w-full rounded-lg" />} keys={getMembers.key}>
          <AddAuthor
            course={props.course}
            onAdd={(m, role) => setRole(m, role, true)}
            pending={pending() !== undefined}
          />
        </Boundary>
      </Show>
      <ConfirmDialog
        open={removing() !== undefined}
        onOpenChange={(open) => !open && setRemoving()}
        title={t('authors.removeTitle')}
        confirmLabel={t('authors.removeConfirm')}
        danger
        onConfirm={() => remove(removing()!)}
      >
        <p>
          {t('authors.removeText', {
            name: removing() ? nameOf(removing()!) : '',
            title: props.course.title,
          })}
        </p>
      </ConfirmDialog>
    </section>
  )
}

function AddAuthor(props: {
  course: CourseDetail
  pending: boolean
  onAdd: (
    member: { user_id: string; display_name: string; email: string | null },
    role: AuthorRole,
  ) => Promise<void>
}) {
  const tenant = useTenant()
  const members = createAsync(() => getMembers(tenant().id))
  const id = createUniqueId()
  const [who, setWho] = createSignal('')
  const [role, setRole] = createSignal<AuthorRole>('editor')
  const candidates = () =>
    (members() ?? [])
      .filter((m) => canCreateCourses(m.role) && !props.course.authors.some((a) => a.user_id === m.user_id))
      .sort((a, b) => personName(a).localeCompare(personName(b), intlLocale()))
  return (
    <Show when={members()}>
      <Show
        when={candidates().length > 0}
        fallback={<p class="mt-5 border-t border-line pt-4 text-sm text-muted">{t('authors.allAdded')}</p>}
      >
        <form
          class="mt-5 space-y-3 border-t border-line pt-4"
          onSubmit={async (e) => {
            e.preventDefault()
            const member = candidates().find((m) => m.user_id === who())
            if (!member) return
            await props.onAdd(member, role())
            setWho('')
          }}
        >
          <div>
            <label for={id} class="mb-1.5 block text-sm font-medium">
              {t('authors.addLabel')}
            </label>
            <select id={id} class="input" value={who()} onChange={(e) => setWho(e.currentTarget.value)}>
              <option value="" selected={who() === ''}>
                {t('authors.choose')}
              </option>
              <For each={candidates()}>
                {(m) => (
                  <option value={m.user_id} selected={who() === m.user_id}>
                    {personName(m)} · {roleLabel(m.role)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <SelectField label={t('authors.role')} value={role()} onValue={setRole} options={roleOptions()} />
          <Button type="submit" variant="secondary" class="w-full" disabled={!who()} pending={props.pending}>
            <UserPlus size={16} />
            {t('authors.add')}
          </Button>
        </form>
      </Show>
    </Show>
  )
}
