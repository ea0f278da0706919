import { createSignal } from 'solid-js'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { createMentions } from '../../mentions/MentionPicker.tsx'
import { reply } from '../api.ts'
import { messages } from '../messages.ts'
import { BODY_MAX, postErrors } from '../post-text.ts'

const t = translator(messages)

/** The reply box under a thread; emptied once the reply is in. */
export function ReplyForm(props: { threadId: string; courseId: string; onSent: () => Promise<unknown> }) {
  const [body, setBody] = createSignal('')
  const mentions = createMentions({
    courseId: () => props.courseId,
    place: 'forum',
    value: body,
    setValue: setBody,
  })
  const form = createForm({
    fields: ['body'],
    validate: () => {
      const values = { body: body().trim() }
      return checked(postErrors(values), values)
    },
    submit: async (values) => {
      await reply(props.threadId, values.body, mentions.ids())
      setBody('')
      mentions.reset()
      await props.onSent()
    },
  })
  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="card space-y-3 p-4">
      <TextAreaField
        label={t('thread.reply')}
        value={body()}
        onValue={(v) => {
          setBody(v)
          mentions.look()
        }}
        error={form.errors().body}
        description={t('compose.mentionHint')}
        maxLength={BODY_MAX}
        rows={3}
        {...mentions.field}
      />
      {mentions.list()}
      <FormError form={form} />
      <Button type="submit" pending={form.pending()}>
        {form.pending() ? t('thread.sending') : t('thread.send')}
      </Button>
    </form>
  )
}
