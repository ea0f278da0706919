import { A, useNavigate } from '@solidjs/router'
import { createSignal, createUniqueId, Match, Switch } from 'solid-js'
import { errorMessage } from '../api/errors.ts'
import { AuthCard } from '../components/Auth/AuthCard.tsx'
import { PasswordChecklist, passwordError } from '../components/Auth/PasswordChecklist.tsx'
import { Button } from '../components/UI/Button.tsx'
import { focusFirstInvalid, TextField } from '../components/UI/Field.tsx'
import { FormAlert } from '../components/UI/FormAlert.tsx'
import { Spinner } from '../components/UI/Spinner.tsx'
import { toast } from '../components/UI/Toaster.tsx'
import { runtime } from '../lib/runtime.ts'
import { useApp } from '../state/AppContext.tsx'

/** An error the auth server put in the link's hash (#error_description=…), if any. */
function linkError(): string | undefined {
  const hash = new URLSearchParams(runtime().bootHash.replace(/^#/, ''))
  const query = new URLSearchParams(location.search)
  const text = hash.get('error_description') ?? query.get('error_description')
  return text ? text.replace(/\+/g, ' ') : undefined
}

/** /reset-password — where the email link lands (supabase-js reads the session from the URL). */
export default function ResetPassword() {
  const { supabase, session } = useApp()
  const navigate = useNavigate()
  const initialLinkError = linkError()
  const [password, setPassword] = createSignal('')
  const [error, setError] = createSignal<string>()
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const checklistId = createUniqueId()
  let form: HTMLFormElement | undefined

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const pwError = passwordError(password())
    setError(pwError)
    if (pwError) return focusFirstInvalid(form)
    setPending(true)
    const { error: err } = await supabase.auth.updateUser({ password: password() })
    setPending(false)
    if (err) return setFormError(errorMessage(err))
    toast.success('Password changed', 'Use your new password next time you sign in.')
    navigate('/app', { replace: true })
  }

  return (
    <AuthCard
      title="Choose a new password"
      subtitle={session.user() ? <>For {session.user()?.email}</> : undefined}
    >
      <Switch>
        <Match when={!session.ready()}>
          <p role="status" class="flex items-center gap-2 text-muted">
            <Spinner /> Checking your link…
          </p>
        </Match>
        <Match when={!session.user()}>
          <div class="space-y-4">
            <FormAlert title="This link cannot be used">
              <p>{initialLinkError ?? 'The reset link is invalid, was already used, or has expired.'}</p>
            </FormAlert>
            <A href="/forgot-password" class="btn-primary w-full">
              Send a new link
            </A>
          </div>
        </Match>
        <Match when={session.user()}>
          <form ref={form} onSubmit={submit} noValidate class="space-y-4">
            <div>
              <TextField
                label="New password"
                type="password"
                name="password"
                autocomplete="new-password"
                value={password()}
                onValue={setPassword}
                error={error()}
                describedBy={checklistId}
                required
              />
              <PasswordChecklist id={checklistId} password={password()} />
            </div>
            {formError() && (
              <FormAlert>
                <p>{formError()}</p>
              </FormAlert>
            )}
            <Button type="submit" pending={pending()} class="w-full">
              Set new password
            </Button>
          </form>
        </Match>
      </Switch>
    </AuthCard>
  )
}
