import { A, useNavigate, useSearchParams } from '@solidjs/router'
import MailCheck from 'lucide-solid/icons/mail-check'
import { createSignal, Show } from 'solid-js'
import { Email } from '../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../api/errors.ts'
import { checked, type FieldErrors } from '../../lib/forms.ts'
import { locale, translator } from '../../lib/i18n/i18n.ts'
import { safeNext, withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { TextField } from '../../ui/Field.tsx'
import { createForm } from '../../ui/form.ts'
import { AuthCard, AuthForm } from './components/AuthForm.tsx'
import { NewPasswordField, passwordError } from './components/NewPasswordField.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** An auth error as the sign-up field it is about, if any. */
function signUpFieldErrors(error: unknown): FieldErrors | undefined {
  const e = error as { code?: string; message?: string }
  if (e.code === 'user_already_exists' || /already registered|already exists/i.test(e.message ?? ''))
    return { email: t('signUp.emailTaken') }
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
      if (!name().trim()) found.display_name = t('error.nameRequired')
      else if (name().trim().length > 100) found.display_name = t('error.nameTooLong', { max: 100 })
      const parsedEmail = Email.safeParse(email())
      if (!email().trim()) found.email = t('error.emailRequired')
      else if (!parsedEmail.success) found.email = t('error.emailInvalid')
      const pwError = passwordError(password())
      if (pwError) found.password = pwError
      return checked(found, { email: parsedEmail.data ?? '', password: password(), name: name().trim() })
    },
    submit: async (values) => {
      const next = safeNext(params.next)
      const { data, error } = await supabase.auth.signUp({
        email: values.email,
        password: values.password,
        // The language goes with the account, so the emails to this person are written in it.
        options: {
          data: { display_name: values.name, locale: locale() },
          emailRedirectTo: location.origin + next,
        },
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
        <AuthCard title={t('checkEmail.title')} subtitle={t('signUp.sentTo', { email: confirmTo() ?? '' })}>
          <div class="flex flex-col items-center gap-4 text-center">
            <MailCheck size={40} class="text-primary" />
            <p class="text-sm text-muted">{t('signUp.openLink')}</p>
            <Show when={config.localMailbox}>
              <A href={withQuery('/mailbox', { to: confirmTo() })} class="btn-primary">
                {t('mailbox.open')}
              </A>
            </Show>
            <A href={withQuery('/signin', { next: params.next, email: confirmTo() })} class="link text-sm">
              {t('signUp.goToSignIn')}
            </A>
          </div>
        </AuthCard>
      }
    >
      <AuthForm
        title={t('signUp.title')}
        subtitle={t('signUp.subtitle')}
        footer={
          <>
            {t('signUp.haveAccount')}{' '}
            <A href={withQuery('/signin', { next: params.next, email: email() || undefined })} class="link">
              {t('signUp.signIn')}
            </A>
          </>
        }
        form={form}
        submitLabel={t('signUp.submit')}
      >
        <TextField
          label={t('field.displayName')}
          name="display_name"
          autocomplete="name"
          value={name()}
          onValue={setName}
          error={form.errors().display_name}
          placeholder={t('signUp.namePlaceholder')}
          required
        />
        <TextField
          label={t('field.email')}
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
          label={t('field.password')}
          name="password"
          value={password()}
          onValue={setPassword}
          error={form.errors().password}
        />
      </AuthForm>
    </Show>
  )
}
