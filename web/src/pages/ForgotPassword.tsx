import { A, useSearchParams } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { Email } from '../../../edge/contract/tenancy.ts'
import { errorMessage, errorStatus } from '../api/errors.ts'
import { AuthCard } from '../components/Auth/AuthCard.tsx'
import { Button } from '../components/UI/Button.tsx'
import { focusFirstInvalid, TextField } from '../components/UI/Field.tsx'
import { FormAlert } from '../components/UI/FormAlert.tsx'
import { withQuery } from '../lib/navigation.ts'
import { useApp } from '../state/AppContext.tsx'

/** /forgot-password — sends a reset link; never reveals whether an account exists. */
export default function ForgotPassword() {
  const { supabase, config } = useApp()
  const [params] = useSearchParams<{ email?: string }>()
  const [email, setEmail] = createSignal(params.email ?? '')
  const [error, setError] = createSignal<string>()
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const [sentTo, setSentTo] = createSignal<string>()
  let form: HTMLFormElement | undefined

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const parsed = Email.safeParse(email())
    if (!parsed.success) {
      setError(
        email().trim()
          ? (parsed.error.issues[0]?.message ?? 'Enter a valid email address.')
          : 'Enter your email address.',
      )
      return focusFirstInvalid(form)
    }
    setError()
    setPending(true)
    const { error: err } = await supabase.auth.resetPasswordForEmail(parsed.data, {
      redirectTo: `${location.origin}/reset-password`,
    })
    setPending(false)
    // Only rate limits and outages are worth saying; anything else would reveal who has an account.
    const status = errorStatus(err)
    if (err && (status === 429 || status === 0 || status === undefined || status >= 500))
      return setFormError(errorMessage(err))
    setSentTo(parsed.data)
  }

  return (
    <AuthCard
      title="Reset your password"
      subtitle="Enter the email you sign in with and we will send you a link to choose a new password."
      footer={
        <A href="/signin" class="link">
          Back to sign in
        </A>
      }
    >
      <Show
        when={!sentTo()}
        fallback={
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
        }
      >
        <form ref={form} onSubmit={submit} noValidate class="space-y-4">
          <TextField
            label="Email"
            type="email"
            name="email"
            autocomplete="email"
            inputmode="email"
            value={email()}
            onValue={setEmail}
            error={error()}
            required
          />
          <Show when={formError()}>
            <FormAlert>
              <p>{formError()}</p>
            </FormAlert>
          </Show>
          <Button type="submit" pending={pending()} class="w-full">
            Send reset link
          </Button>
        </form>
      </Show>
    </AuthCard>
  )
}
