import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { isPupilLoginEmail, pupilLoginEmail } from '../../../../edge/contract/pupils-values.ts'
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
import { CHOOSE_PASSWORD_PATH, mustChangePassword } from '../pupils/first-password.ts'
import { PupilSignInFields, pupilSignInText as p } from '../pupils/PupilSignInFields.tsx'
import { AuthForm } from './components/AuthForm.tsx'
import { PhoneSignInLink } from './components/PhoneSignInLink.tsx'
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

/**
 * /signin — email and password, or (pupils without email) school code, admission number and password;
 * goes back to `next` (e.g. an invitation) afterwards.
 */
export default function SignIn() {
  const { supabase, session, config } = useApp()
  const navigate = useNavigate()
  const [params] = useSearchParams<{ next?: string; email?: string; school?: string; as?: string }>()
  const [email, setEmail] = createSignal(params.email ?? '')
  const [password, setPassword] = createSignal('')
  // Pupils without email: school code + admission number (`?as=pupil`, or `?school=CODE` from a class sheet).
  const asPupil = () => params.as === 'pupil' || params.school !== undefined
  const [school, setSchool] = createSignal((params.school ?? '').toUpperCase())
  const [admission, setAdmission] = createSignal('')
  const next = () => safeNext(params.next)

  const form = createForm({
    validate: () => {
      const found: FieldErrors = {}
      if (asPupil()) {
        if (!school().trim()) found.school = p('signIn.codeRequired')
        if (!admission().trim()) found.admission = p('signIn.admissionRequired')
      } else if (!email().trim()) found.email = t('error.emailRequired')
      else if (!/^\S+@\S+\.\S+$/.test(email().trim())) found.email = t('error.emailInvalid')
      if (!password()) found.password = t('signIn.passwordRequired')
      // A pupil signs in with the address their school code and admission number stand for.
      const login = asPupil() ? (pupilLoginEmail(school(), admission()) ?? '') : email().trim()
      return checked(found, { email: login, password: password() })
    },
    submit: async (credentials) => {
      const bad = asPupil() ? p('signIn.badCode') : t('signIn.badCredentials')
      // A code or number that cannot exist gets the answer of a wrong password.
      if (!credentials.email) throw new Error(bad)
      const { data, error } = await supabase.auth.signInWithPassword(credentials)
      if (error)
        throw new Error(
          error.code === 'invalid_credentials' || /invalid login/i.test(error.message)
            ? bad
            : errorMessage(error),
        )
      // An account with an authenticator app takes the second step first (MfaStep); a pupil with the
      // school's first password chooses their own.
      const mfa = needsSecondFactor(data.session)
      const first = mustChangePassword(data.user)
      navigate(
        mfa
          ? withQuery('/signin/mfa', { next: next() })
          : first
            ? withQuery(CHOOSE_PASSWORD_PATH, { next: next() })
            : next(),
        { replace: true },
      )
    },
  })

  return (
    <AuthForm
      title={asPupil() ? p('signIn.codeTitle') : t('signIn.title')}
      subtitle={asPupil() ? p('signIn.codeSubtitle') : t('signIn.subtitle')}
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
              {t('signIn.signedInAs')}{' '}
              <strong>
                {isPupilLoginEmail(session.user()?.email) ? session.displayName() : session.user()?.email}
              </strong>
              .{' '}
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
      <Show
        when={asPupil()}
        fallback={
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
        }
      >
        <PupilSignInFields
          school={school()}
          onSchool={setSchool}
          admission={admission()}
          onAdmission={setAdmission}
          errors={form.errors()}
        />
      </Show>
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
      <div class="flex flex-wrap justify-between gap-2 text-sm">
        <A
          href={withQuery('/signin', { next: params.next, as: asPupil() ? undefined : 'pupil' })}
          class="link"
          onClick={() => form.clear()}
        >
          {asPupil() ? p('signIn.withEmail') : p('signIn.withCode')}
        </A>
        <Show when={!asPupil()}>
          <A href={withQuery('/forgot-password', { email: email() || undefined })} class="link">
            {t('signIn.forgot')}
          </A>
        </Show>
      </div>
      <PhoneSignInLink next={params.next} />
    </AuthForm>
  )
}
