import { createSignal } from 'solid-js'
import type { PupilSheet } from '../../../../../edge/contract/pupils.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { createPupilAccounts } from '../api.ts'
import { messages } from '../messages.ts'
import { type ListProblem, readPupilList } from '../pupil-list.ts'

const t = translator(messages)

/** A problem of the typed list in the reader's language. */
function problemText(p: ListProblem): string {
  switch (p.kind) {
    case 'empty':
      return t('pupils.listRequired')
    case 'tooMany':
      return t('pupils.tooMany', { max: p.max })
    case 'line':
      return t('pupils.lineInvalid', { line: p.line })
    case 'admission':
      return t('pupils.lineAdmission', { line: p.line })
    case 'twice':
      return t('pupils.lineTwice', { line: p.line, number: p.number })
  }
}

/** The class list typed or pasted ("name, admission number" per line) → accounts and first passwords. */
export function MakeAccounts(props: { classId: string; onMade: (sheet: PupilSheet) => void }) {
  const [list, setList] = createSignal('')
  const form = createForm({
    fields: ['pupils'],
    validate: () => {
      const read = readPupilList(list())
      return 'problem' in read
        ? { ok: false as const, errors: { pupils: problemText(read.problem) } }
        : { ok: true as const, data: read.pupils }
    },
    submit: async (pupils) => {
      const sheet = await createPupilAccounts(props.classId, pupils)
      setList('')
      toast.success(t('pupils.made', { count: sheet.pupils.length }))
      props.onMade(sheet)
    },
  })
  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-3">
      <TextAreaField
        label={t('pupils.listLabel')}
        name="pupils"
        rows={5}
        value={list()}
        onValue={setList}
        description={t('pupils.listHelp')}
        error={form.errors().pupils}
      />
      <FormError form={form} />
      <Button type="submit" pending={form.pending()}>
        {t('pupils.make')}
      </Button>
    </form>
  )
}
