import { A, revalidate } from '@solidjs/router'
import ShieldCheck from 'lucide-solid/icons/shield-check'
import { createSignal } from 'solid-js'
import type { Tenant } from '../../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { SwitchField } from '../../../ui/Field.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { messages } from '../messages.ts'
import { getTenant } from '../Settings.data.ts'

const t = translator(messages)

/**
 * The settings page's switch for "owners and admins sign in with a second step": while it is on,
 * the database refuses their changes to the school and its members at aal1. Turning it on needs the
 * admin's own second step first (the API answers mfa_required otherwise, shown as a toast).
 */
export function MfaRequirement(props: { current: Tenant }) {
  const [on, setOn] = createSignal(props.current.require_mfa_for_admins ?? false)
  const [pending, setPending] = createSignal(false)
  async function change(next: boolean) {
    if (pending()) return
    setPending(true)
    try {
      await api().patch(
        '/tenants/:id',
        { require_mfa_for_admins: next },
        { params: { id: props.current.id } },
      )
      setOn(next)
      toast.success(next ? t('settings.mfaOn') : t('settings.mfaOff'))
      await revalidate(getTenant.keyFor(props.current.id))
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setPending(false)
    }
  }
  return (
    <section aria-labelledby="settings-mfa" class="card mt-6 p-5 sm:p-6">
      <h2 id="settings-mfa" class="mb-3 flex items-center gap-2 font-semibold">
        <ShieldCheck size={18} aria-hidden="true" class="text-primary" />
        {t('settings.mfaTitle')}
      </h2>
      <SwitchField
        label={t('settings.mfaRequire')}
        description={t('settings.mfaHint')}
        checked={on()}
        onChange={(next) => void change(next)}
      />
      <A href="/account/security" class="link mt-3 inline-block text-sm">
        {t('settings.mfaOwn')}
      </A>
    </section>
  )
}
