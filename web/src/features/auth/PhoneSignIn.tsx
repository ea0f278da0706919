import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { formatPhone, normalizePhone } from '../../../../edge/contract/phone-number.ts'
import { checked } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { safeNext, withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Button } from '../../ui/Button.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormAlert, FormError } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { AuthCard, AuthForm } from './components/AuthForm.tsx'
import { ResendCode } from './components/ResendCode.tsx'
import { codeDigits } from './components/ResetCodeForm.tsx'
import { needsSecondFactor } from './mfa-level.ts'
import { createResendCountdown, resendWait } from './phone-code.ts'
import { messages } from './phone-messages.ts'

const t = translator(messages)

/**
 * /signin/phone — a parent types their number, gets a texted code (Supabase Auth's phone OTP) and
 * signs in with it; then the second step if they have an authenticator app, else `next`. Only
 * accounts that have the number can sign in this way, and the page never says whether one does.
 */
export default function PhoneSignIn() {
  const { supabase, config } = useApp()
  const navigate = useNavigate()
  const [params] = useSearchParams<{ next?: string }>()
  const [phone, setPhone] = createSignal('')
  const [sentTo, setSentTo] = createSignal<string>()
  const [code, setCode] = createSignal('')
  const countdown = createResendCountdown()
  const next = () => safeNext(params.next)
  const footer = () => (
    <A href={withQuery('/signin', { next: params.next })} class="link">
      {t('phone.back')}
    </A>
  )

  /** Asks for a code for `digits`; a "too soon" answer still lands on the code step, with its wait. */
  const sendCode = async (digits: string) => {
    const { error } = await supabase.auth.signInWithOtp({
      phone: digits,
      options: { shouldCreateUser: false, channel: 'sms' },
    })
    const wait = resendWait(error)
    // Hosted Supabase Auth answers otp_disabled for a number without an account: say nothing either way.
    if (error && wait === undefined && error.code !== 'otp_disabled') throw error
    countdown.start(wait)
    setSentTo(digits)
  }

  const phoneForm = createForm({
    validate: () => {
      const digits = normalizePhone(phone())
      const problem = !phone().trim() ? t('phone.required') : digits ? undefined : t('phone.invalid')
      return checked(problem ? { phone: problem } : {}, digits ?? '')
    },
    submit: sendCode,
  })

  const codeForm = createForm({
    validate: () => {
      const digits = codeDigits(code())
      return checked(/^\d{6}$/.test(digits) ? {} : { code: t('phone.codeInvalid') }, digits)
    },
    submit: async (token) => {
      const { data, error } = await supabase.auth.verifyOtp({ phone: sentTo() ?? '', token, type: 'sms' })
      if (error?.code === 'otp_expired') throw new Error(t('phone.wrongCode'))
      if (error) throw error
      navigate(needsSecondFactor(data.session) ? withQuery('/signin/mfa', { next: next() }) : next(), {
        replace: true,
      })
    },
  })

  const resend = () =>
    // An outage: let them try again in a while rather than at once.
    sendCode(sentTo() ?? '').catch(() => countdown.start())

  return (
    <Show
      when={sentTo()}
      fallback={
        <AuthForm
          title={t('phone.title')}
          subtitle={t('phone.subtitle')}
          footer={footer()}
          form={phoneForm}
          submitLabel={t('phone.send')}
        >
          <TextField
            label={t('phone.field')}
            description={t('phone.fieldHelp')}
            type="tel"
            name="phone"
            autocomplete="tel"
            inputmode="tel"
            value={phone()}
            onValue={setPhone}
            error={phoneForm.errors().phone}
            required
          />
        </AuthForm>
      }
    >
      {(digits) => (
        <AuthCard title={t('phone.title')} footer={footer()}>
          <div class="space-y-4">
            <FormAlert tone="success" title={t('phone.sentTitle')}>
              <p>{t('phone.sent', { phone: formatPhone(digits()) })}</p>
            </FormAlert>
            <Show when={config.localMailbox}>
              <A href={withQuery('/mailbox', { to: `+${digits()}` })} class="btn-secondary w-full">
                {t('phone.mailbox')}
              </A>
            </Show>
            <form ref={codeForm.ref} onSubmit={codeForm.onSubmit} noValidate class="space-y-4">
              <TextField
                label={t('phone.code')}
                description={t('phone.codeHelp')}
                name="code"
                inputmode="numeric"
                autocomplete="one-time-code"
                maxlength={9}
                value={code()}
                onValue={setCode}
                error={codeForm.errors().code}
                required
              />
              <FormError form={codeForm} />
              <Button type="submit" pending={codeForm.pending()} class="w-full">
                {t('phone.verify')}
              </Button>
            </form>
            <div class="flex flex-col gap-2 text-sm">
              <ResendCode countdown={countdown} send={resend} />
              <button
                type="button"
                class="btn-ghost w-full"
                onClick={() => {
                  setSentTo()
                  setCode('')
                }}
              >
                {t('phone.otherNumber')}
              </button>
            </div>
          </div>
        </AuthCard>
      )}
    </Show>
  )
}
