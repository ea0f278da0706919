import { translator } from '../../lib/i18n/i18n.ts'
import { TextField } from '../../ui/Field.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** The sign-in page's school code and admission number (instead of an email address). */
export function PupilSignInFields(props: {
  school: string
  onSchool: (value: string) => void
  admission: string
  onAdmission: (value: string) => void
  errors: Record<string, string | undefined>
}) {
  return (
    <>
      <TextField
        label={t('pupils.schoolCode')}
        name="school"
        autocomplete="organization"
        autocapitalize="characters"
        spellcheck={false}
        value={props.school}
        onValue={(v) => props.onSchool(v.toUpperCase())}
        error={props.errors.school}
        maxLength={8}
        required
      />
      <TextField
        label={t('pupils.admission')}
        name="admission"
        autocomplete="username"
        spellcheck={false}
        value={props.admission}
        onValue={props.onAdmission}
        error={props.errors.admission}
        maxLength={20}
        required
      />
    </>
  )
}

/** The sign-in page's words for pupils. */
export const pupilSignInText = t
