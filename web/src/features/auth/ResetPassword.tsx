import { A, useNavigate } from '@solidjs/router'
import { createSignal, Match, Switch } from 'solid-js'
import { checked } from '../../lib/forms.ts'
import { runtime } from '../../lib/runtime.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { Spinner } from '../../ui/Spinner.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { AuthCard, AuthForm } from './components/AuthForm.tsx'
import { NewPasswordField, passwordError } from './components/NewPasswordField.tsx'

const TITLE = 'Choose a new password'

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
  const subtitle = () => (session.user() ? <>For {session.user()?.email}</> : undefined)

  const form = createForm({
    validate: () => {
      const problem = passwordError(password())
      return checked(problem ? { password: problem } : {}, password())
    },
    submit: async (next) => {
      const { error } = await supabase.auth.updateUser({ password: next })
      if (error) throw error
      toast.success('Password changed', 'Use your new password next time you sign in.')
      navigate('/app', { replace: true })
    },
  })

  return (
    <Switch>
      <Match when={!session.ready()}>
        <AuthCard title={TITLE} subtitle={subtitle()}>
          <p role="status" class="flex items-center gap-2 text-muted">
            <Spinner /> Checking your link…
          </p>
        </AuthCard>
      </Match>
      <Match when={!session.user()}>
        <AuthCard title={TITLE} subtitle={subtitle()}>
          <div class="space-y-4">
            <FormAlert title="This link cannot be used">
              <p>{initialLinkError ?? 'The reset link is invalid, was already used, or has expired.'}</p>
            </FormAlert>
            <A href="/forgot-password" class="btn-primary w-full">
              Send a new link
            </A>
          </div>
        </AuthCard>
      </Match>
      <Match when={session.user()}>
        <AuthForm title={TITLE} subtitle={subtitle()} form={form} submitLabel="Set new password">
          <NewPasswordField
            label="New password"
            name="password"
            value={password()}
            onValue={setPassword}
            error={form.errors().password}
          />
        </AuthForm>
      </Match>
    </Switch>
  )
}
