import { A, useNavigate, useSearchParams } from '@solidjs/router'
import MailCheck from 'lucide-solid/icons/mail-check'
import { createSignal, Show } from 'solid-js'
import { Email } from '../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../api/errors.ts'
import { checked, type FieldErrors } from '../../lib/forms.ts'
import { safeNext, withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { TextField } from '../../ui/Field.tsx'
import { createForm } from '../../ui/form.ts'
import { AuthCard, AuthForm } from './components/AuthForm.tsx'
import { NewPasswordField, passwordError } from './components/NewPasswordField.tsx'

/** An auth error as the sign-up field it is about, if any. */
function signUpFieldErrors(error: unknown): FieldErrors | undefined {
  const e = error as { code?: string; message?: string }
  if (e.code === 'user_already_exists' || /already registered|already exists/i.test(e.message ?? ''))
    return { email: 'An account with this email already exists. Sign in instead.' }
  if (e.code === 'weak_password') return { password: errorMessage(error) }
  return undefined
}

/** /signup — display name, email and a password that meets the policy (checked as you type). */
export default function SignUp() {
  const { supabase, config } = useApp()
  const navigate = useNavigate()
  const [params] = useSearchParams<{ next?: string; email?: string }>()
  const [name, setName] = createSignal('')
  const [email, setEmail] = createSignal(params.email ?? '')
  const [password, setPassword] = createSignal('')
  const [confirmTo, setConfirmTo] = createSignal<string>()

  const form = createForm({
    fields: ['email', 'password'],
    fieldErrors: signUpFieldErrors,
    validate: () => {
      const found: FieldErrors = {}
      if (!name().trim()) found.display_name = 'Enter the name people will see.'
      else if (name().trim().length > 100) found.display_name = 'Use at most 100 characters.'
      const parsedEmail = Email.safeParse(email())
      if (!email().trim()) found.email = 'Enter your email address.'
      else if (!parsedEmail.success)
        found.email = parsedEmail.error.issues[0]?.message ?? 'Enter a valid email address.'
      const pwError = passwordError(password())
      if (pwError) found.password = pwError
      return checked(found, { email: parsedEmail.data ?? '', password: password(), name: name().trim() })
    },
    submit: async (values) => {
      const next = safeNext(params.next)
      const { data, error } = await supabase.auth.signUp({
        email: values.email,
        password: values.password,
        options: { data: { display_name: values.name }, emailRedirectTo: location.origin + next },
      })
      if (error) throw error
      if (data.session) navigate(next, { replace: true })
      else setConfirmTo(values.email)
    },
  })

  return (
    <Show
      when={!confirmTo()}
      fallback={
        <AuthCard title="Check your email" subtitle={<>We sent a confirmation link to {confirmTo()}.</>}>
          <div class="flex flex-col items-center gap-4 text-center">
            <MailCheck size={40} class="text-primary" />
            <p class="text-sm text-muted">
              Open the link in that email to finish creating your account, then sign in.
            </p>
            <Show when={config.localMailbox}>
              <A href={withQuery('/mailbox', { to: confirmTo() })} class="btn-primary">
                Open the local mailbox
              </A>
            </Show>
            <A href={withQuery('/signin', { next: params.next, email: confirmTo() })} class="link text-sm">
              Go to sign in
            </A>
          </div>
        </AuthCard>
      }
    >
      <AuthForm
        title="Create your account"
        subtitle="Free for your first school. No card needed."
        footer={
          <>
            Already have an account?{' '}
            <A href={withQuery('/signin', { next: params.next, email: email() || undefined })} class="link">
              Sign in
            </A>
          </>
        }
        form={form}
        submitLabel="Sign up"
      >
        <TextField
          label="Display name"
          name="display_name"
          autocomplete="name"
          value={name()}
          onValue={setName}
          error={form.errors().display_name}
          placeholder="e.g. Grace Njeri"
          required
        />
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
        <NewPasswordField
          label="Password"
          name="password"
          value={password()}
          onValue={setPassword}
          error={form.errors().password}
        />
      </AuthForm>
    </Show>
  )
}
