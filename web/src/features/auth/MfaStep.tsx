import { useNavigate, useSearchParams } from '@solidjs/router'
import { createResource, createSignal, Show } from 'solid-js'
import { checked } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { safeNext } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { AuthForm } from './components/AuthForm.tsx'
import { messages } from './mfa-messages.ts'
import { useSignOut } from './useSignOut.ts'

const t = translator(messages)

/**
 * /signin/mfa — after the password, when the account has an authenticator app (supabase-js
 * getAuthenticatorAssuranceLevel: current aal1, next aal2): a code from the app, or a recovery code
 * (ours; the same mfa.verify call takes it), raises the session to aal2, then on to `next`.
 */
export default function MfaStep() {
  const { supabase } = useApp()
  const navigate = useNavigate()
  const signOut = useSignOut()
  const [params] = useSearchParams<{ next?: string }>()
  const [recovery, setRecovery] = createSignal(false)
  const [code, setCode] = createSignal('')
  const [factor] = createResource(async () => {
    const { data } = await supabase.auth.mfa.listFactors()
    return data?.totp[0]?.id ?? null
  })

  const form = createForm({
    validate: () => {
      const value = code().trim()
      const ok = recovery() ? /^[a-z0-9]{4}(-?[a-z0-9]{4}){3}$/i.test(value) : /^\d{6}$/.test(value)
      return checked(ok ? {} : { code: t(recovery() ? 'mfa.recoveryRequired' : 'mfa.codeRequired') }, value)
    },
    submit: async (value) => {
      const factorId = factor()
      if (!factorId) throw new Error(t('mfa.noFactor'))
      const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId, code: value })
      if (error) throw error
      navigate(safeNext(params.next), { replace: true })
    },
  })

  return (
    <AuthForm
      title={t('mfa.title')}
      subtitle={t('mfa.subtitle')}
      form={form}
      submitLabel={t('mfa.submit')}
      footer={
        <button type="button" class="link" onClick={() => signOut('local', '/signin')}>
          {t('mfa.signOut')}
        </button>
      }
      before={
        <Show when={factor() === null}>
          <FormAlert tone="error" class="mb-5">
            {t('mfa.noFactor')}
          </FormAlert>
        </Show>
      }
    >
      <TextField
        label={t(recovery() ? 'mfa.recovery' : 'mfa.code')}
        name="code"
        inputmode={recovery() ? 'text' : 'numeric'}
        autocomplete="one-time-code"
        autofocus
        value={code()}
        onValue={setCode}
        error={form.errors().code}
        required
      />
      <div class="flex justify-end text-sm">
        <button
          type="button"
          class="link"
          onClick={() => {
            setRecovery(!recovery())
            setCode('')
          }}
        >
          {t(recovery() ? 'mfa.useApp' : 'mfa.useRecovery')}
        </button>
      </div>
    </AuthForm>
  )
}
