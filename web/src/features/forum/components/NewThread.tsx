import { revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { FORUM_CATEGORIES, type ForumCategory, type ForumRole } from '../../../../../edge/contract/forum.ts'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { createMentions } from '../../mentions/MentionPicker.tsx'
import { createThread, getForumThreads } from '../api.ts'
import { messages } from '../messages.ts'
import { BODY_MAX, postErrors, TITLE_MAX } from '../post-text.ts'

const t = translator(messages)

/** Starting a thread: its kind (announcements for moderators only), a title and the first post. */
export function NewThread(props: {
  courseId: string
  role: ForumRole
  onCancel: () => void
  onPosted: (threadId: string) => void
}) {
  const kinds = () => FORUM_CATEGORIES.filter((c) => c !== 'announcement' || props.role === 'moderator')
  const [category, setCategory] = createSignal<ForumCategory>('question')
  const [title, setTitle] = createSignal('')
  const [body, setBody] = createSignal('')
  const mentions = createMentions({
    courseId: () => props.courseId,
    place: 'forum',
    value: body,
    setValue: setBody,
  })
  const form = createForm({
    fields: ['category', 'title', 'body'],
    validate: () => {
      const values = { category: category(), title: title().trim(), body: body().trim() }
      return checked(postErrors(values), values)
    },
    submit: async (values) => {
      const made = await createThread(props.courseId, { ...values, mentions: mentions.ids() })
      toast.success(t('compose.posted'), made.title)
      await revalidate(getForumThreads.key)
      props.onPosted(made.id)
    },
  })
  return (
    <form
      ref={form.ref}
      onSubmit={form.onSubmit}
      noValidate
      class="card space-y-4 p-4 sm:p-5"
      aria-labelledby="compose-title"
    >
      <h2 id="compose-title" class="font-semibold">
        {t('compose.title')}
      </h2>
      <SelectField
        label={t('compose.category')}
        value={category()}
        onValue={(v) => setCategory(v as ForumCategory)}
        options={kinds().map((c) => ({ value: c, label: t(`forum.kind.${c}`) }))}
        error={form.errors().category}
      />
      <TextField
        label={t('compose.subject')}
        value={title()}
        onValue={setTitle}
        error={form.errors().title}
        maxLength={TITLE_MAX}
      />
      <TextAreaField
        label={t('compose.body')}
        value={body()}
        onValue={(v) => {
          setBody(v)
          mentions.look()
        }}
        error={form.errors().body}
        description={t('compose.bodyHint')}
        maxLength={BODY_MAX}
        rows={5}
        {...mentions.field}
      />
      {mentions.list()}
      <FormError form={form} />
      <div class="flex flex-wrap gap-2">
        <Button type="submit" pending={form.pending()}>
          {form.pending() ? t('compose.posting') : t('compose.post')}
        </Button>
        <Button variant="ghost" onClick={props.onCancel}>
          {t('compose.cancel')}
        </Button>
      </div>
    </form>
  )
}
