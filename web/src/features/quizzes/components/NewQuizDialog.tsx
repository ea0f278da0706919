import { revalidate, useNavigate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { COURSE_LIMITS } from '../../../../../edge/contract/courses-values.ts'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { createQuiz, getQuizzes } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** "New quiz": asks for a title, creates the quiz (a draft) and opens its editor. */
export function NewQuizDialog(props: {
  courseId: string
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [title, setTitle] = createSignal('')
  const form = createForm({
    fields: ['title'],
    validate: () => {
      const value = title().trim()
      const error = !value
        ? t('panel.titleRequired')
        : value.length > COURSE_LIMITS.title
          ? t('panel.titleLong', { max: COURSE_LIMITS.title })
          : undefined
      return checked(error ? { title: error } : {}, { title: value })
    },
    submit: async (body) => {
      const quiz = await createQuiz(props.courseId, body)
      setTitle('')
      void revalidate(getQuizzes.keyFor(props.courseId))
      navigate(`/t/${tenant().slug}/quizzes/${quiz.id}/edit`)
    },
  })
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('panel.new')}
      description={t('panel.newText')}
      submitLabel={t('panel.create')}
      form={form}
    >
      <TextField
        label={t('panel.titleLabel')}
        name="title"
        value={title()}
        onValue={setTitle}
        error={form.errors().title}
        maxLength={COURSE_LIMITS.title}
        required
      />
    </FormDialog>
  )
}
