import { revalidate } from '@solidjs/router'
import Flag from 'lucide-solid/icons/flag'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { REPORT_REASONS } from '../../../../../edge/contract/forum.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getForumThread, getForumThreads, report } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

type Reason = (typeof REPORT_REASONS)[number]

/** "Report" under a thread or reply: a reason and an optional note, sent to the course's teachers. */
export function ReportButton(props: { threadId: string; postId?: string }) {
  const id = createUniqueId()
  const [open, setOpen] = createSignal(false)
  const [reason, setReason] = createSignal<Reason>('unkind')
  const [note, setNote] = createSignal('')
  const form = createForm({
    fields: ['note'],
    submit: async () => {
      const done = await report(props.threadId, {
        post_id: props.postId,
        reason: reason(),
        note: note().trim(),
      })
      toast.success(t('report.sent'), done.hidden ? t('report.sentHidden') : t('report.sentText'))
      setOpen(false)
      if (done.hidden) await revalidate([getForumThread.keyFor(props.threadId), getForumThreads.key])
    },
  })
  return (
    <Show
      when={open()}
      fallback={
        <Button variant="ghost" class="min-h-9 py-1 text-sm text-muted" onClick={() => setOpen(true)}>
          <Flag size={14} aria-hidden="true" />
          {t('report.open')}
        </Button>
      }
    >
      <form
        ref={form.ref}
        onSubmit={form.onSubmit}
        noValidate
        class="w-full space-y-3 rounded-lg border border-line p-3"
      >
        <fieldset>
          <legend class="mb-2 text-sm font-medium">{t('report.reason')}</legend>
          <div class="flex flex-wrap gap-2">
            <For each={REPORT_REASONS}>
              {(r) => (
                <label class="flex min-h-9 cursor-pointer items-center gap-2 rounded-lg border border-line px-3 text-sm has-[:checked]:border-primary">
                  <input
                    type="radio"
                    name={`${id}-reason`}
                    class="accent-primary"
                    checked={reason() === r}
                    onChange={() => setReason(r)}
                  />
                  {t(`report.${r}`)}
                </label>
              )}
            </For>
          </div>
        </fieldset>
        <TextAreaField label={t('report.note')} value={note()} onValue={setNote} maxLength={500} rows={2} />
        <FormError form={form} />
        <div class="flex gap-2">
          <Button type="submit" pending={form.pending()}>
            {t('report.send')}
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            {t('thread.cancel')}
          </Button>
        </div>
      </form>
    </Show>
  )
}
