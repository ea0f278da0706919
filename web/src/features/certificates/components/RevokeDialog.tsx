import { revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import type { Certificate } from '../../../../../edge/contract/certificates.ts'
import { CERTIFICATE_LIMITS } from '../../../../../edge/contract/certificates-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getCourseCertificates, revokeCertificate } from '../api.ts'
import { checkReason } from '../forms.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** "Revoke this certificate?" with the reason the student and the verification page will see. */
export function RevokeDialog(props: {
  certificate: Certificate
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const [reason, setReason] = createSignal('')
  const form = createForm({
    fields: ['reason'],
    validate: () =>
      checkReason(reason(), {
        required: t('revoke.reasonRequired'),
        long: t('revoke.reasonLong', { max: CERTIFICATE_LIMITS.reason }),
      }),
    submit: async (body) => {
      await revokeCertificate(props.certificate.id, body.reason)
      setReason('')
      toast.success(t('revoke.done'))
      if (props.certificate.course_id)
        await revalidate(getCourseCertificates.keyFor(props.certificate.course_id))
    },
  })
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('revoke.title')}
      description={t('revoke.text', { name: props.certificate.student_name })}
      submitLabel={t('revoke.submit')}
      form={form}
    >
      <TextAreaField
        label={t('revoke.reason')}
        description={t('revoke.reasonHint')}
        name="reason"
        value={reason()}
        onValue={setReason}
        error={form.errors().reason}
        maxLength={CERTIFICATE_LIMITS.reason}
        required
      />
    </FormDialog>
  )
}
