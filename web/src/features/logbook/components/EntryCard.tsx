import { revalidate } from '@solidjs/router'
import BookOpen from 'lucide-solid/icons/book-open'
import Trash from 'lucide-solid/icons/trash'
import Users from 'lucide-solid/icons/users'
import { createSignal, For, Show } from 'solid-js'
import { COMPETENCY_NAMES, type LogbookEntry } from '../../../../../edge/contract/logbook.ts'
import { errorMessage } from '../../../api/errors.ts'
import { formatDate, formatDateTime } from '../../../lib/format.ts'
import { checked } from '../../../lib/forms.ts'
import { locale, translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { AttachmentList } from '../../files/AttachmentList.tsx'
import { forgetFiles } from '../../files/storage.ts'
import {
  addComment,
  deleteComment,
  deleteEntry,
  getLogbook,
  getLogbookStudents,
  updateEntry,
} from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * One entry: when, its title, lesson and competencies, the text and files, and its comments. Its
 * student edits, shares or stops sharing, and deletes it; teachers and the student comment.
 */
export function EntryCard(props: {
  entry: LogbookEntry
  own: boolean
  canComment: boolean
  onEdit: () => void
}) {
  const [deleting, setDeleting] = createSignal(false)
  const [sharing, setSharing] = createSignal(false)
  const refresh = () => revalidate([getLogbook.key, getLogbookStudents.key])
  const toggleShare = async () => {
    const next = !props.entry.shared_with_guardians
    setSharing(true)
    try {
      await updateEntry(props.entry.id, { shared_with_guardians: next })
      toast.success(next ? t('entry.sharedToast') : t('entry.unsharedToast'), props.entry.title)
      await refresh()
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setSharing(false)
    }
  }
  const titleId = `entry-${props.entry.id}`
  return (
    <article class="card space-y-3 p-4 sm:p-5" aria-labelledby={titleId}>
      <header class="space-y-1">
        <p class="text-xs text-muted">
          <time datetime={props.entry.created_at}>
            {t('entry.written', { date: formatDate(props.entry.created_at) })}
          </time>
        </p>
        <h3 id={titleId} class="text-lg font-semibold">
          {props.entry.title}
        </h3>
        <div class="flex flex-wrap gap-1.5 text-xs">
          <Show when={props.entry.lesson}>
            {(lesson) => (
              <span class="inline-flex items-center gap-1 rounded-full bg-subtle px-2 py-0.5">
                <BookOpen size={12} aria-hidden="true" />
                {lesson().title}
              </span>
            )}
          </Show>
          <For each={props.entry.competencies}>
            {(c) => (
              <span class="rounded-full border border-primary/40 px-2 py-0.5 text-primary">
                {COMPETENCY_NAMES[locale()][c]}
              </span>
            )}
          </For>
          <Show when={props.own}>
            <span class="inline-flex items-center gap-1 rounded-full bg-subtle px-2 py-0.5 text-muted">
              <Users size={12} aria-hidden="true" />
              {props.entry.shared_with_guardians ? t('entry.shared') : t('entry.private')}
            </span>
          </Show>
        </div>
      </header>
      <Show when={props.entry.body}>
        <p class="whitespace-pre-wrap break-words">{props.entry.body}</p>
      </Show>
      <Show when={props.entry.files.length > 0}>
        <AttachmentList files={props.entry.files} />
      </Show>
      <Show when={props.own}>
        <div class="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={props.onEdit}>
            {t('entry.edit')}
          </Button>
          <Button variant="secondary" pending={sharing()} onClick={toggleShare}>
            {props.entry.shared_with_guardians ? t('entry.unshare') : t('entry.shareNow')}
          </Button>
          <Button variant="ghost" class="text-danger" onClick={() => setDeleting(true)}>
            {t('entry.delete')}
          </Button>
        </div>
      </Show>
      <Comments entry={props.entry} canComment={props.canComment} own={props.own} onChange={refresh} />
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('entry.deleteTitle')}
        confirmLabel={t('entry.delete')}
        danger
        onConfirm={async () => {
          await deleteEntry(props.entry.id)
          forgetFiles(props.entry.files.map((f) => f.path))
          toast.success(t('entry.deleted'), props.entry.title)
          await refresh()
        }}
      >
        {t('entry.deleteBody', { title: props.entry.title })}
      </ConfirmDialog>
    </article>
  )
}

/** The entry's comments, oldest first, and a box to add one (for its student: to reply to a teacher). */
function Comments(props: {
  entry: LogbookEntry
  canComment: boolean
  own: boolean
  onChange: () => Promise<unknown>
}) {
  const [body, setBody] = createSignal('')
  const form = createForm({
    fields: ['body'],
    validate: () => {
      const text = body().trim()
      return checked(text ? {} : { body: t('comments.empty') }, text)
    },
    submit: async (text) => {
      await addComment(props.entry.id, text)
      setBody('')
      await props.onChange()
    },
  })
  const remove = async (id: string) => {
    try {
      await deleteComment(id)
      await props.onChange()
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }
  return (
    <Show when={props.entry.comments.length > 0 || (props.canComment && !props.own)}>
      <section class="space-y-3 border-t border-line pt-3" aria-label={t('comments.label')}>
        <Show when={props.entry.comments.length > 0}>
          <ul class="space-y-2">
            <For each={props.entry.comments}>
              {(c) => (
                <li class="rounded-lg bg-subtle px-3 py-2 text-sm">
                  <div class="flex items-start justify-between gap-2">
                    <p>
                      <span class="font-medium">{c.author_name}</span>{' '}
                      <time class="text-xs text-muted" datetime={c.created_at}>
                        {formatDateTime(c.created_at)}
                      </time>
                    </p>
                    <Show when={c.can_delete}>
                      <button
                        type="button"
                        class="btn-ghost -m-1 rounded p-1"
                        aria-label={t('comments.delete', { name: c.author_name })}
                        title={t('comments.delete', { name: c.author_name })}
                        onClick={() => remove(c.id)}
                      >
                        <Trash size={14} aria-hidden="true" />
                      </button>
                    </Show>
                  </div>
                  <p class="mt-1 whitespace-pre-wrap break-words">{c.body}</p>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={props.canComment && (!props.own || props.entry.comments.length > 0)}>
          <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-2">
            <TextAreaField
              label={props.own ? t('comments.reply') : t('comments.add')}
              value={body()}
              onValue={setBody}
              error={form.errors().body}
              maxLength={5000}
              rows={2}
            />
            <FormError form={form} />
            <Button type="submit" variant="secondary" pending={form.pending()}>
              {form.pending() ? t('comments.sending') : t('comments.send')}
            </Button>
          </form>
        </Show>
      </section>
    </Show>
  )
}
