import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { errorMessage } from '../../api/errors.ts'
import { checked, type FieldErrors } from '../../lib/forms.ts'
import { safeNext, withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { AuthForm } from './components/AuthForm.tsx'

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
  const next = () => safeNext(params.next)

  const form = createForm({
    validate: () => {
      const found: FieldErrors = {}
      if (!email().trim()) found.email = 'Enter your email address.'
      else if (!/^\S+@\S+\.\S+$/.test(email().trim())) found.email = 'Enter a valid email address.'
      if (!password()) found.password = 'Enter your password.'
      return checked(found, { email: email().trim(), password: password() })
    },
    submit: async (credentials) => {
      const { error } = await supabase.auth.signInWithPassword(credentials)
      if (error)
        throw new Error(
          error.code === 'invalid_credentials' || /invalid login/i.test(error.message)
            ? 'That email and password do not match an account. Check them and try again.'
            : errorMessage(error),
        )
      navigate(next(), { replace: true })
    },
  })

  return (
    <AuthForm
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
      form={form}
      submitLabel="Sign in"
      before={
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
      }
      after={
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
      }
    >
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
      <TextField
        label="Password"
        type="password"
        name="password"
        autocomplete="current-password"
        value={password()}
        onValue={setPassword}
        error={form.errors().password}
        required
      />
      <div class="flex justify-end text-sm">
        <A href={withQuery('/forgot-password', { email: email() || undefined })} class="link">
          Forgot your password?
        </A>
      </div>
    </AuthForm>
  )
}
