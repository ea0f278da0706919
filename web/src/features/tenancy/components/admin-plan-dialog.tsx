import { createSignal } from 'solid-js'
import type { AdminSchool } from '../../../../../edge/contract/admin.ts'
import { PLAN_IDS, PLANS, type PlanId } from '../../../../../edge/contract/payments-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { SelectField, TextAreaField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { setSchoolPlan } from '../Admin.data.ts'
import { consoleMessages } from './admin-messages.ts'

const c = translator(consoleMessages)

/** Puts a school on a plan by hand (a manual override of a Stripe subscription until its next event). */
export default function PlanDialog(props: { school: AdminSchool; onClose: () => void }) {
  const [plan, setPlan] = createSignal<PlanId>(props.school.plan)
  const [reason, setReason] = createSignal('')
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={c('console.planTitle', { name: props.school.name })}
      description={props.school.stripe_subscribed ? c('console.planStripeText') : c('console.planText')}
      submitLabel={c('console.planSubmit')}
      onSubmit={async () => {
        await setSchoolPlan(props.school.id, plan(), reason())
        toast.success(c('console.planChanged', { name: props.school.name, plan: PLANS[plan()].name }))
      }}
    >
      <SelectField
        label={c('console.plan')}
        value={plan()}
        onValue={setPlan}
        options={PLAN_IDS.map((id) => ({ value: id, label: PLANS[id].name }))}
      />
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
