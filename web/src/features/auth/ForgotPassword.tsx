import { A, useSearchParams } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { Email } from '../../../../edge/contract/tenancy.ts'
import { errorStatus } from '../../api/errors.ts'
import { checked } from '../../lib/forms.ts'
import { withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { AuthCard, AuthForm } from './components/AuthForm.tsx'

const TITLE = 'Reset your password'
const SUBTITLE = 'Enter the email you sign in with and we will send you a link to choose a new password.'

/** /forgot-password — sends a reset link; never reveals whether an account exists. */
export default function ForgotPassword() {
  const { supabase, config } = useApp()
  const [params] = useSearchParams<{ email?: string }>()
  const [email, setEmail] = createSignal(params.email ?? '')
  const [sentTo, setSentTo] = createSignal<string>()
  const footer = () => (
    <A href="/signin" class="link">
      Back to sign in
    </A>
  )

  const form = createForm({
    validate: () => {
      const parsed = Email.safeParse(email())
      const problem = !email().trim()
        ? 'Enter your email address.'
        : parsed.success
          ? undefined
          : (parsed.error.issues[0]?.message ?? 'Enter a valid email address.')
      return checked(problem ? { email: problem } : {}, parsed.data ?? '')
    },
    submit: async (address) => {
      const { error } = await supabase.auth.resetPasswordForEmail(address, {
        redirectTo: `${location.origin}/reset-password`,
      })
      // Only rate limits and outages are worth saying; anything else would reveal who has an account.
      const status = errorStatus(error)
      if (error && (status === 429 || status === 0 || status === undefined || status >= 500)) throw error
      setSentTo(address)
    },
  })

  return (
    <Show
      when={!sentTo()}
      fallback={
        <AuthCard title={TITLE} subtitle={SUBTITLE} footer={footer()}>
          <div class="space-y-4">
            <FormAlert tone="success" title="Check your email">
              <p>
                If an account exists for {sentTo()}, we sent a link to reset its password. The link works
                once.
              </p>
            </FormAlert>
            <Show when={config.localMailbox}>
              <A href={withQuery('/mailbox', { to: sentTo() })} class="btn-primary w-full">
                Open the local mailbox
              </A>
            </Show>
            <button type="button" class="btn-ghost w-full" onClick={() => setSentTo()}>
              Use a different email
            </button>
          </div>
        </AuthCard>
      }
    >
      <AuthForm title={TITLE} subtitle={SUBTITLE} footer={footer()} form={form} submitLabel="Send reset link">
        <TextField
          label="Email"
          type="email"
          name="email"
          autocomplete="email"
          inputmode="email"
          value={email()}
          onValue={setEmail}
          error={form.errors().email}
          required
        />
      </AuthForm>
    </Show>
  )
}
