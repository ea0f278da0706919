import { A, useNavigate } from '@solidjs/router'
import { createSignal, Match, Switch } from 'solid-js'
import { checked } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { runtime } from '../../lib/runtime.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { Spinner } from '../../ui/Spinner.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { AuthCard, AuthForm } from './components/AuthForm.tsx'
import { NewPasswordField, passwordError } from './components/NewPasswordField.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

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
  const subtitle = () => (session.user() ? t('reset.for', { email: session.user()?.email ?? '' }) : undefined)

  const form = createForm({
    validate: () => {
      const problem = passwordError(password())
      return checked(problem ? { password: problem } : {}, password())
    },
    submit: async (next) => {
      const { error } = await supabase.auth.updateUser({ password: next })
      if (error) throw error
      toast.success(t('passwordChanged.title'), t('passwordChanged.text'))
      navigate('/app', { replace: true })
    },
  })

  return (
    <Switch>
      <Match when={!session.ready()}>
        <AuthCard title={t('reset.title')} subtitle={subtitle()}>
          <p role="status" class="flex items-center gap-2 text-muted">
            <Spinner /> {t('reset.checking')}
          </p>
        </AuthCard>
      </Match>
      <Match when={!session.user()}>
        <AuthCard title={t('reset.title')} subtitle={subtitle()}>
          <div class="space-y-4">
            <FormAlert title={t('reset.unusable')}>
              <p>{initialLinkError ?? t('reset.invalid')}</p>
            </FormAlert>
            <A href="/forgot-password" class="btn-primary w-full">
              {t('reset.sendNew')}
            </A>
          </div>
        </AuthCard>
      </Match>
      <Match when={session.user()}>
        <AuthForm title={t('reset.title')} subtitle={subtitle()} form={form} submitLabel={t('reset.submit')}>
          <NewPasswordField
            label={t('field.newPassword')}
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
