import { A, useNavigate, useSearchParams } from '@solidjs/router'
import MailCheck from 'lucide-solid/icons/mail-check'
import { createSignal, createUniqueId, Show } from 'solid-js'
import { Email } from '../../../edge/contract/tenancy.ts'
import { errorMessage } from '../api/errors.ts'
import { AuthCard } from '../components/Auth/AuthCard.tsx'
import { PasswordChecklist, passwordError } from '../components/Auth/PasswordChecklist.tsx'
import { Button } from '../components/UI/Button.tsx'
import { focusFirstInvalid, TextField } from '../components/UI/Field.tsx'
import { FormAlert } from '../components/UI/FormAlert.tsx'
import type { FieldErrors } from '../lib/forms.ts'
import { safeNext, withQuery } from '../lib/navigation.ts'
import { useApp } from '../state/AppContext.tsx'

/** /signup — display name, email and a password that meets the policy (checked as you type). */
export default function SignUp() {
  const { supabase, config } = useApp()
  const navigate = useNavigate()
  const [params] = useSearchParams<{ next?: string; email?: string }>()
  const [name, setName] = createSignal('')
  const [email, setEmail] = createSignal(params.email ?? '')
  const [password, setPassword] = createSignal('')
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const [confirmTo, setConfirmTo] = createSignal<string>()
  const checklistId = createUniqueId()
  let form: HTMLFormElement | undefined

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const found: FieldErrors = {}
    if (!name().trim()) found.display_name = 'Enter the name people will see.'
    else if (name().trim().length > 100) found.display_name = 'Use at most 100 characters.'
    const parsedEmail = Email.safeParse(email())
    if (!email().trim()) found.email = 'Enter your email address.'
    else if (!parsedEmail.success)
      found.email = parsedEmail.error.issues[0]?.message ?? 'Enter a valid email address.'
    const pwError = passwordError(password())
    if (pwError) found.password = pwError
    setErrors(found)
    if (Object.keys(found).length) return focusFirstInvalid(form)

    setPending(true)
    const next = safeNext(params.next)
    const { data, error } = await supabase.auth.signUp({
      email: parsedEmail.data!,
      password: password(),
      options: { data: { display_name: name().trim() }, emailRedirectTo: location.origin + next },
    })
    setPending(false)
    if (error) {
      if (error.code === 'user_already_exists' || /already registered|already exists/i.test(error.message)) {
        setErrors({ email: 'An account with this email already exists. Sign in instead.' })
        return focusFirstInvalid(form)
      }
      if (error.code === 'weak_password') {
        setErrors({ password: errorMessage(error) })
        return focusFirstInvalid(form)
      }
      return setFormError(errorMessage(error))
    }
    if (data.session) navigate(next, { replace: true })
    else setConfirmTo(parsedEmail.data)
  }

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
      <AuthCard
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
      >
        <form ref={form} onSubmit={submit} noValidate class="space-y-4">
          <TextField
            label="Display name"
            name="display_name"
            autocomplete="name"
            value={name()}
            onValue={setName}
            error={errors().display_name}
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
            error={errors().email}
            required
          />
          <div>
            <TextField
              label="Password"
              type="password"
              name="password"
              autocomplete="new-password"
              value={password()}
              onValue={setPassword}
              error={errors().password}
              describedBy={checklistId}
              required
            />
            <PasswordChecklist id={checklistId} password={password()} />
          </div>
          <Show when={formError()}>
            <FormAlert>
              <p>{formError()}</p>
            </FormAlert>
          </Show>
          <Button type="submit" pending={pending()} class="w-full">
            Sign up
          </Button>
        </form>
      </AuthCard>
    </Show>
  )
}
