import { createSignal } from 'solid-js'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { createMentions } from '../../mentions/MentionPicker.tsx'
import { messages } from './messages.ts'

const t = translator(messages)
export const BODY_MAX = 4000

/** The words of a comment or reply, checked as the API checks them. */
export function checkBody(body: string) {
  const value = body.trim()
  const error = !value ? t('comments.required') : value.length > BODY_MAX ? t('comments.tooLong') : undefined
  return checked(error ? { body: error } : {}, { body: value })
}

/**
 * A box for words: a new thread's first comment (with the quote it is on), a reply, or an edit.
 * `send` gets the checked words; the box empties once they are in.
 */
export function CommentBox(props: {
  label: string
  /** Offer "@" mentions of the course's people who see its drafts. */
  mentionsIn?: string
  submitLabel: string
  pendingLabel: string
  initial?: string
  autofocus?: boolean
  send: (body: string, mentions: string[]) => Promise<unknown>
  onCancel?: () => void
}) {
  const [body, setBody] = createSignal(props.initial ?? '')
  const mentions = createMentions({
    courseId: () => props.mentionsIn ?? '',
    place: 'comments',
    value: body,
    setValue: setBody,
    ref: (el) => props.autofocus && queueMicrotask(() => el.focus()),
  })
  const form = createForm({
    fields: ['body'],
    validate: () => checkBody(body()),
    submit: async (values) => {
      await props.send(values.body, props.mentionsIn ? mentions.ids() : [])
      setBody('')
      mentions.reset()
    },
  })
  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-2">
      <TextAreaField
        label={props.label}
        value={body()}
        onValue={(v) => {
          setBody(v)
          if (props.mentionsIn) mentions.look()
        }}
        error={form.errors().body}
        description={props.mentionsIn ? t('comments.mentionHint') : undefined}
        maxLength={BODY_MAX}
        rows={3}
        class="[&_textarea]:min-h-16"
        {...mentions.field}
        onKeyDown={(e) => {
          mentions.field.onKeyDown(e)
          if (e.defaultPrevented) return
          if (e.key === 'Escape' && props.onCancel) props.onCancel()
        }}
      />
      {props.mentionsIn && mentions.list()}
      <FormError form={form} />
      <div class="flex flex-wrap gap-2">
        <Button type="submit" class="min-h-9 px-3 py-1.5" pending={form.pending()}>
          {form.pending() ? props.pendingLabel : props.submitLabel}
        </Button>
        {props.onCancel && (
          <Button variant="ghost" class="min-h-9 px-3 py-1.5" onClick={() => props.onCancel?.()}>
            {t('comments.cancel')}
          </Button>
        )}
      </div>
    </form>
  )
}
