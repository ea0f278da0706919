import { A, useSearchParams } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { Email } from '../../../../edge/contract/tenancy.ts'
import { errorStatus } from '../../api/errors.ts'
import { checked } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { AuthCard, AuthForm } from './components/AuthForm.tsx'
import { ResetCodeForm } from './components/ResetCodeForm.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * /forgot-password — sends a reset link and code; never reveals whether an account exists. The code
 * can be typed here (the email read on a phone, the reset done on a shared computer).
 */
export default function ForgotPassword() {
  const { supabase, config } = useApp()
  const [params] = useSearchParams<{ email?: string }>()
  const [email, setEmail] = createSignal(params.email ?? '')
  const [sentTo, setSentTo] = createSignal<string>()
  const footer = () => (
    <A href="/signin" class="link">
      {t('forgot.back')}
    </A>
  )

  const form = createForm({
    validate: () => {
      const parsed = Email.safeParse(email())
      const problem = !email().trim()
        ? t('error.emailRequired')
        : parsed.success
          ? undefined
          : t('error.emailInvalid')
      return checked(problem ? { email: problem } : {}, parsed.data ?? '')
    },
    submit: async (address) => {
      const { error } = await supabase.auth.resetPasswordForEmail(address, {
        redirectTo: `${location.origin}/reset-password`,
      })
      // Only rate limits and outages are worth saying; anything else would reveal who has an account.
      const status = errorStatus(error)
      if (error && (status === 429 || status === 0 || status === undefined || status >= 500)) throw error
      setSentTo(address)
    },
  })

  return (
    <Show
      when={!sentTo()}
      fallback={
        <AuthCard title={t('forgot.title')} subtitle={t('forgot.subtitle')} footer={footer()}>
          <div class="space-y-4">
            <FormAlert tone="success" title={t('checkEmail.title')}>
              <p>{t('forgot.sent', { email: sentTo() ?? '' })}</p>
            </FormAlert>
            <Show when={config.localMailbox}>
              <A href={withQuery('/mailbox', { to: sentTo() })} class="btn-secondary w-full">
                {t('mailbox.open')}
              </A>
            </Show>
            <section aria-labelledby="reset-code-heading" class="border-t border-line pt-4">
              <h2 id="reset-code-heading" class="mb-3 font-semibold">
                {t('code.heading')}
              </h2>
              <ResetCodeForm email={sentTo() ?? ''} />
            </section>
            <button type="button" class="btn-ghost w-full" onClick={() => setSentTo()}>
              {t('forgot.otherEmail')}
            </button>
          </div>
        </AuthCard>
      }
    >
      <AuthForm
        title={t('forgot.title')}
        subtitle={t('forgot.subtitle')}
        footer={footer()}
        form={form}
        submitLabel={t('forgot.submit')}
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
      </AuthForm>
    </Show>
  )
}
