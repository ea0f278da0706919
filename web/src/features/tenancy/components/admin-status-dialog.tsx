import { createSignal } from 'solid-js'
import type { AdminSchool } from '../../../../../edge/contract/admin.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { setSchoolStatus } from '../Admin.data.ts'
import { consoleMessages } from './admin-messages.ts'

const c = translator(consoleMessages)

/** Suspends an active school or reactivates a suspended one, with the reason the audit log keeps. */
export default function StatusDialog(props: { school: AdminSchool; onClose: () => void }) {
  const [reason, setReason] = createSignal('')
  const suspending = () => props.school.status === 'active'
  const name = () => props.school.name
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={
        suspending()
          ? c('console.suspendTitle', { name: name() })
          : c('console.reactivateTitle', { name: name() })
      }
      description={suspending() ? c('console.suspendText') : c('console.reactivateText')}
      submitLabel={suspending() ? c('console.suspend') : c('console.reactivate')}
      onSubmit={async () => {
        await setSchoolStatus(props.school.id, suspending() ? 'suspended' : 'active', reason())
        toast.success(
          suspending()
            ? c('console.suspendedToast', { name: name() })
            : c('console.reactivatedToast', { name: name() }),
        )
      }}
    >
      <TextAreaField
        label={c('console.reason')}
        value={reason()}
        onValue={setReason}
        required
        maxLength={500}
        rows={3}
      />
    </FormDialog>
  )
}
