import { useNavigate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The code as typed: digits only (spaces and dashes people copy with it are dropped). */
export const codeDigits = (text: string) => text.replace(/[\s-]/g, '')

/**
 * The 6-digit code of the reset email, for someone who reads the email on another device: it signs
 * them in (Supabase Auth's verifyOtp, type recovery) and the reset page lets them choose a password.
 */
export function ResetCodeForm(props: { email: string }) {
  const { supabase } = useApp()
  const navigate = useNavigate()
  const [code, setCode] = createSignal('')

  const form = createForm({
    validate: () => {
      const digits = codeDigits(code())
      return checked(/^\d{6}$/.test(digits) ? {} : { code: t('code.invalid') }, digits)
    },
    submit: async (token) => {
      const { error } = await supabase.auth.verifyOtp({ email: props.email, token, type: 'recovery' })
      if (error) throw error
      navigate('/reset-password', { replace: true })
    },
  })

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
      <TextField
        label={t('code.label')}
        description={t('code.help')}
        name="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength={9}
        value={code()}
        onValue={setCode}
        error={form.errors().code}
        required
      />
      <FormError form={form} />
      <Button type="submit" pending={form.pending()} class="w-full">
        {t('code.submit')}
      </Button>
    </form>
  )
}
