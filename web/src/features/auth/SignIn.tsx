import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../api/errors.ts'
import { roleLabel } from '../../lib/format.ts'
import { checked, type FieldErrors } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { safeNext, withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { AuthForm } from './components/AuthForm.tsx'
import { messages } from './messages.ts'
import { needsSecondFactor } from './mfa-level.ts'

const t = translator(messages)

const DEMO_ACCOUNTS = [
  ['owner', 'owner@demo.kipindi.test'],
  ['admin', 'admin@demo.kipindi.test'],
  ['instructor', 'instructor1@demo.kipindi.test'],
  ['student', 'student1@demo.kipindi.test'],
  ['superadmin', 'superadmin@kipindi.test'],
] as const

/** The password of every demo account (the seed's, printed by scripts/start.ts too). */
const DEMO_PASSWORD = 'kipindi-demo-1'

const demoRole = (role: TenantRole | 'superadmin') =>
  role === 'superadmin' ? t('signIn.demoSuperadmin') : roleLabel(role)

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
      if (!email().trim()) found.email = t('error.emailRequired')
      else if (!/^\S+@\S+\.\S+$/.test(email().trim())) found.email = t('error.emailInvalid')
      if (!password()) found.password = t('signIn.passwordRequired')
      return checked(found, { email: email().trim(), password: password() })
    },
    submit: async (credentials) => {
      const { data, error } = await supabase.auth.signInWithPassword(credentials)
      if (error)
        throw new Error(
          error.code === 'invalid_credentials' || /invalid login/i.test(error.message)
            ? t('signIn.badCredentials')
            : errorMessage(error),
        )
      // An account with an authenticator app takes the second step first (MfaStep).
      const mfa = needsSecondFactor(data.session)
      navigate(mfa ? withQuery('/signin/mfa', { next: next() }) : next(), { replace: true })
    },
  })

  return (
    <AuthForm
      title={t('signIn.title')}
      subtitle={t('signIn.subtitle')}
      footer={
        <>
          {t('signIn.newHere')}{' '}
          <A href={withQuery('/signup', { next: params.next, email: email() || undefined })} class="link">
            {t('signIn.createAccount')}
          </A>
        </>
      }
      form={form}
      submitLabel={t('signIn.submit')}
      before={
        <Show when={session.user()}>
          <FormAlert tone="info" class="mb-5">
            <p>
              {t('signIn.signedInAs')} <strong>{session.user()?.email}</strong>.{' '}
              <A href={next()} class="link">
                {t('signIn.continue')}
              </A>{' '}
              {t('signIn.orAnother')}
            </p>
          </FormAlert>
        </Show>
      }
      after={
        <Show when={config.localMailbox}>
          <details class="mt-6 rounded-lg border border-line bg-subtle/60 px-4 py-3 text-sm">
            <summary class="cursor-pointer font-medium">{t('signIn.demoTitle')}</summary>
            <p class="mt-2 text-muted">
              {t('signIn.demoPassword')} <code class="font-mono text-fg">{DEMO_PASSWORD}</code>.
            </p>
            <ul class="mt-2 space-y-1">
              <For each={DEMO_ACCOUNTS}>
                {([role, address]) => (
                  <li class="flex justify-between gap-2">
                    <span class="text-muted">{demoRole(role)}</span>
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
      <TextField
        label={t('field.password')}
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
          {t('signIn.forgot')}
        </A>
      </div>
    </AuthForm>
  )
}
