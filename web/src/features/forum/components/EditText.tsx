import { createSignal, Show } from 'solid-js'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { messages } from '../messages.ts'
import { BODY_MAX, postErrors, TITLE_MAX } from '../post-text.ts'

const t = translator(messages)

/** Editing one's own words: a reply's text, or a thread's title and text (when `title` is given). */
export function EditText(props: {
  title?: string
  body: string
  onCancel: () => void
  onSave: (values: { title?: string; body: string }) => Promise<unknown>
}) {
  const [title, setTitle] = createSignal(props.title ?? '')
  const [body, setBody] = createSignal(props.body)
  const form = createForm({
    fields: ['title', 'body'],
    validate: () => {
      const values = { title: props.title === undefined ? undefined : title().trim(), body: body().trim() }
      return checked(postErrors(values), values)
    },
    submit: (values) => props.onSave(values.title === undefined ? { body: values.body } : values),
  })
  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-3">
      <Show when={props.title !== undefined}>
        <TextField
          label={t('compose.subject')}
          value={title()}
          onValue={setTitle}
          error={form.errors().title}
          maxLength={TITLE_MAX}
        />
      </Show>
      <TextAreaField
        label={t('compose.body')}
        value={body()}
        onValue={setBody}
        error={form.errors().body}
        maxLength={BODY_MAX}
        rows={4}
      />
      <FormError form={form} />
      <div class="flex gap-2">
        <Button type="submit" pending={form.pending()}>
          {t('thread.save')}
        </Button>
        <Button variant="ghost" onClick={props.onCancel}>
          {t('thread.cancel')}
        </Button>
      </div>
    </form>
  )
}
