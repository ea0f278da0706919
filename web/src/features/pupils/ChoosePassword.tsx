import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, Match, Switch } from 'solid-js'
import { checked } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { safeNext } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { createForm } from '../../ui/form.ts'
import { Spinner } from '../../ui/Spinner.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { AuthCard, AuthForm } from '../auth/components/AuthForm.tsx'
import { NewPasswordField, passwordError } from '../auth/components/NewPasswordField.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * /signin/new-password — a pupil with the first password their school gave them chooses their own
 * before anything else (RequireAuth sends them here). Saving clears the flag in the database; the
 * refreshed token no longer carries it.
 */
export default function ChoosePassword() {
  const { supabase, session } = useApp()
  const navigate = useNavigate()
  const [params] = useSearchParams<{ next?: string }>()
  const [password, setPassword] = createSignal('')
  const form = createForm({
    validate: () => {
      const problem = passwordError(password())
      return checked(problem ? { password: problem } : {}, password())
    },
    submit: async (chosen) => {
      const { error } = await supabase.auth.updateUser({ password: chosen })
      if (error) throw error
      await supabase.auth.refreshSession()
      toast.success(t('choose.saved'), t('choose.savedText'))
      navigate(safeNext(params.next), { replace: true })
    },
  })
  return (
    <Switch>
      <Match when={!session.ready()}>
        <AuthCard title={t('choose.title')}>
          <p role="status" class="flex items-center gap-2 text-muted">
            <Spinner />
          </p>
        </AuthCard>
      </Match>
      <Match when={!session.user()}>
        <AuthCard title={t('choose.title')}>
          <div class="space-y-4">
            <p>{t('choose.signedOut')}</p>
            <A href="/signin" class="btn-primary w-full">
              {t('choose.signIn')}
            </A>
          </div>
        </AuthCard>
      </Match>
      <Match when={session.user()}>
        <AuthForm
          title={t('choose.title')}
          subtitle={t('choose.subtitle', { name: session.displayName() })}
          form={form}
          submitLabel={t('choose.submit')}
        >
          <NewPasswordField
            label={t('choose.label')}
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
