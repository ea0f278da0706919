import { revalidate } from '@solidjs/router'
import Pencil from 'lucide-solid/icons/pencil'
import Plus from 'lucide-solid/icons/plus'
import Trash2 from 'lucide-solid/icons/trash'
import { createSignal, For, Show } from 'solid-js'
import { type CannedReply, CreateCannedReplyBody } from '../../../../../edge/contract/support.ts'
import { CANNED_PLACEHOLDERS, SUPPORT_LIMITS } from '../../../../../edge/contract/support-values.ts'
import { validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { createCannedReply, deleteCannedReply, getCannedReplies, updateCannedReply } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * Canned replies of the school: every agent adds them; their authors and admins change or remove
 * them. Placeholders like `{{requester_name}}` are filled when an agent picks one.
 */
export function CannedReplies(props: { replies: CannedReply[]; myId: string; admin: boolean }) {
  const tenant = useTenant()
  const [editing, setEditing] = createSignal<CannedReply | 'new'>()
  const [deleting, setDeleting] = createSignal<CannedReply>()
  const canChange = (r: CannedReply) => props.admin || r.created_by === props.myId
  const refresh = () => revalidate(getCannedReplies.keyFor(tenant().id))

  return (
    <div class="space-y-3">
      <div class="flex justify-end">
        <Button variant="secondary" onClick={() => setEditing('new')}>
          <Plus size={16} aria-hidden="true" />
          {t('canned.new')}
        </Button>
      </div>
      <Show
        when={props.replies.length > 0}
        fallback={<EmptyState title={t('canned.emptyTitle')}>{t('canned.emptyText')}</EmptyState>}
      >
        <ul class="card divide-y divide-line">
          <For each={props.replies}>
            {(r) => (
              <li class="flex items-start gap-3 px-4 py-3">
                <div class="min-w-0 flex-1">
                  <p class="font-medium">{r.title}</p>
                  <p class="mt-0.5 line-clamp-2 text-sm whitespace-pre-wrap text-muted">{r.body}</p>
                </div>
                <Show when={canChange(r)}>
                  <div class="flex shrink-0 gap-1">
                    <button
                      type="button"
                      class="btn-ghost size-9 px-0"
                      aria-label={t('canned.edit', { title: r.title })}
                      onClick={() => setEditing(r)}
                    >
                      <Pencil size={16} aria-hidden="true" />
                    </button>
                    <button
                      type="button"
                      class="btn-ghost size-9 px-0 text-danger"
                      aria-label={t('canned.delete', { title: r.title })}
                      onClick={() => setDeleting(r)}
                    >
                      <Trash2 size={16} aria-hidden="true" />
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={editing()} keyed>
        {(target) => (
          <CannedReplyDialog
            reply={target === 'new' ? undefined : target}
            onClose={() => setEditing()}
            onSaved={async () => {
              setEditing()
              await refresh()
            }}
          />
        )}
      </Show>
      <ConfirmDialog
        open={!!deleting()}
        onOpenChange={(open) => !open && setDeleting()}
        title={t('canned.deleteTitle', { title: deleting()?.title ?? '' })}
        confirmLabel={t('canned.deleteConfirm')}
        danger
        onConfirm={async () => {
          const r = deleting()
          if (!r) return
          await deleteCannedReply(r.id)
          toast.success(t('canned.deleted'))
          await refresh()
        }}
      >
        {t('canned.deleteText')}
      </ConfirmDialog>
    </div>
  )
}

function CannedReplyDialog(props: {
  reply?: CannedReply
  onClose: () => void
  onSaved: () => Promise<void>
}) {
  const tenant = useTenant()
  const [title, setTitle] = createSignal(props.reply?.title ?? '')
  const [body, setBody] = createSignal(props.reply?.body ?? '')
  const form = createForm({
    fields: ['title', 'body'],
    validate: () => validate(CreateCannedReplyBody, { title: title(), body: body() }),
    submit: async (values) => {
      if (props.reply) await updateCannedReply(props.reply.id, values)
      else await createCannedReply(tenant().id, values.title, values.body)
      toast.success(props.reply ? t('canned.saved') : t('canned.added'))
      await props.onSaved()
    },
  })

  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={props.reply ? t('canned.editTitle') : t('canned.new')}
      submitLabel={props.reply ? t('canned.save') : t('canned.add')}
      form={form}
    >
      <TextField
        label={t('canned.title')}
        value={title()}
        onValue={setTitle}
        error={form.errors().title}
        maxLength={SUPPORT_LIMITS.cannedTitle}
        required
      />
      <TextAreaField
        label={t('canned.body')}
        value={body()}
        onValue={setBody}
        error={form.errors().body}
        rows={6}
        description={
          <>
            {t('canned.placeholders')}{' '}
            <For each={CANNED_PLACEHOLDERS}>
              {(p, i) => (
                <>
                  <code class="rounded bg-subtle px-1 text-xs">{`{{${p}}}`}</code>
                  {i() < CANNED_PLACEHOLDERS.length - 1 ? ' ' : ''}
                </>
              )}
            </For>
          </>
        }
        required
      />
    </FormDialog>
  )
}
