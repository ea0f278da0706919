import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { errorMessage } from '../api/errors.ts'
import { AuthCard } from '../components/Auth/AuthCard.tsx'
import { Button } from '../components/UI/Button.tsx'
import { focusFirstInvalid, TextField } from '../components/UI/Field.tsx'
import { FormAlert } from '../components/UI/FormAlert.tsx'
import type { FieldErrors } from '../lib/forms.ts'
import { safeNext, withQuery } from '../lib/navigation.ts'
import { useApp } from '../state/AppContext.tsx'

const DEMO_ACCOUNTS = [
  ['Owner', 'owner@demo.kipindi.test'],
  ['Admin', 'admin@demo.kipindi.test'],
  ['Instructor', 'instructor1@demo.kipindi.test'],
  ['Student', 'student1@demo.kipindi.test'],
  ['Super-admin', 'superadmin@kipindi.test'],
] as const

/** /signin — email and password; goes back to `next` (e.g. an invitation) afterwards. */
export default function SignIn() {
  const { supabase, session, config } = useApp()
  const navigate = useNavigate()
  const [params] = useSearchParams<{ next?: string; email?: string }>()
  const [email, setEmail] = createSignal(params.email ?? '')
  const [password, setPassword] = createSignal('')
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const next = () => safeNext(params.next)
  let form: HTMLFormElement | undefined

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const found: FieldErrors = {}
    if (!email().trim()) found.email = 'Enter your email address.'
    else if (!/^\S+@\S+\.\S+$/.test(email().trim())) found.email = 'Enter a valid email address.'
    if (!password()) found.password = 'Enter your password.'
    setErrors(found)
    if (Object.keys(found).length) return focusFirstInvalid(form)
    setPending(true)
    const { error } = await supabase.auth.signInWithPassword({ email: email().trim(), password: password() })
    setPending(false)
    if (error) {
      setFormError(
        error.code === 'invalid_credentials' || /invalid login/i.test(error.message)
          ? 'That email and password do not match an account. Check them and try again.'
          : errorMessage(error),
      )
      return
    }
    navigate(next(), { replace: true })
  }

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to Kipindi."
      footer={
        <>
          New to Kipindi?{' '}
          <A href={withQuery('/signup', { next: params.next, email: email() || undefined })} class="link">
            Create an account
          </A>
        </>
      }
    >
      <Show when={session.user()}>
        <FormAlert tone="info" class="mb-5">
          <p>
            You are signed in as <strong>{session.user()?.email}</strong>.{' '}
            <A href={next()} class="link">
              Continue
            </A>{' '}
            or sign in with another account below.
          </p>
        </FormAlert>
      </Show>
      <form ref={form} onSubmit={submit} noValidate class="space-y-4">
        <TextField
          label="Email"
          type="email"
          name="email"
          autocomplete="email"
          inputmode="email"
          value={email()}
          onValue={setEmail}
          error={errors().email}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autocomplete="current-password"
          value={password()}
          onValue={setPassword}
          error={errors().password}
          required
        />
        <div class="flex justify-end text-sm">
          <A href={withQuery('/forgot-password', { email: email() || undefined })} class="link">
            Forgot your password?
          </A>
        </div>
        <Show when={formError()}>
          <FormAlert>
            <p>{formError()}</p>
          </FormAlert>
        </Show>
        <Button type="submit" pending={pending()} class="w-full">
          Sign in
        </Button>
      </form>
      <Show when={config.localMailbox}>
        <details class="mt-6 rounded-lg border border-line bg-subtle/60 px-4 py-3 text-sm">
          <summary class="cursor-pointer font-medium">Demo accounts (local mode)</summary>
          <p class="mt-2 text-muted">
            Every demo account uses the password <code class="font-mono text-fg">kipindi-demo-1</code>.
          </p>
          <ul class="mt-2 space-y-1">
            <For each={DEMO_ACCOUNTS}>
              {([role, address]) => (
                <li class="flex justify-between gap-2">
                  <span class="text-muted">{role}</span>
                  <button type="button" class="link truncate" onClick={() => setEmail(address)}>
                    {address}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
    </AuthCard>
  )
}
