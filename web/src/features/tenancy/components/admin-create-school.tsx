import { createSignal } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { createSchool } from '../Admin.data.ts'
import { messages } from '../messages.ts'
import { consoleMessages } from './admin-messages.ts'

const t = translator(messages)
const c = translator(consoleMessages)

/** Creates a school for someone: its name and address, and the email its owner is invited at. */
export default function CreateSchoolDialog(props: { onClose: () => void }) {
  const [name, setName] = createSignal('')
  const [slug, setSlug] = createSignal('')
  const [email, setEmail] = createSignal('')
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={c('console.createTitle')}
      description={c('console.createText')}
      submitLabel={c('console.createSubmit')}
      onSubmit={async () => {
        const created = await createSchool({ name: name(), slug: slug(), owner_email: email() })
        toast.success(c('console.created', { name: created.school.name, email: created.invitation.email }))
      }}
    >
      <TextField label={t('school.name')} value={name()} onValue={setName} required maxLength={100} />
      <TextField
        label={t('school.address')}
        value={slug()}
        onValue={(v) => setSlug(v.toLowerCase())}
        required
        maxLength={48}
        prefix="/t/"
      />
      <TextField
        label={c('console.ownerEmail')}
        type="email"
        value={email()}
        onValue={setEmail}
        required
        autocomplete="off"
      />
    </FormDialog>
  )
}
