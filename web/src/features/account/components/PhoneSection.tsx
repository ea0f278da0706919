import { createSignal, onMount, Show } from 'solid-js'
import { formatPhone, normalizePhone } from '../../../../../edge/contract/phone-number.ts'
import { errorMessage } from '../../../api/errors.ts'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { ResendCode } from '../../auth/components/ResendCode.tsx'
import { codeDigits } from '../../auth/components/ResetCodeForm.tsx'
import { createResendCountdown, resendWait } from '../../auth/phone-code.ts'
import { phoneMessages } from './phone-messages.ts'

const t = translator(phoneMessages)

/**
 * Setting my phone number, so that I can sign in with a texted code (/signin/phone). Auth texts a
 * code to the new number (updateUser({ phone })); the number is the account's once the code is typed
 * here (verifyOtp type phone_change), as Supabase Auth does it.
 */
export function PhoneSection() {
  const { supabase, session } = useApp()
  const [current, setCurrent] = createSignal(session.user()?.phone ?? '')
  const [pending, setPending] = createSignal(session.user()?.new_phone)
  const [phone, setPhone] = createSignal('')
  const [code, setCode] = createSignal('')
  const countdown = createResendCountdown()

  // The stored session may predate a change made on another device: ask auth for the user as it is.
  onMount(async () => {
    const { data } = await supabase.auth.getUser()
    if (!data.user) return
    setCurrent(data.user.phone ?? '')
    setPending(data.user.new_phone)
  })

  const ask = async (digits: string) => {
    const { data, error } = await supabase.auth.updateUser({ phone: digits })
    const wait = resendWait(error)
    if (error && wait === undefined) throw error
    countdown.start(wait)
    setPending(data.user?.new_phone ?? digits)
  }

  const phoneForm = createForm({
    validate: () => {
      const digits = normalizePhone(phone())
      const problem = !phone().trim()
        ? t('phone.required')
        : !digits
          ? t('phone.invalid')
          : digits === current()
            ? t('phone.same')
            : undefined
      return checked(problem ? { phone: problem } : {}, digits ?? '')
    },
    submit: ask,
  })

  const codeForm = createForm({
    validate: () => {
      const digits = codeDigits(code())
      return checked(/^\d{6}$/.test(digits) ? {} : { code: t('phone.codeInvalid') }, digits)
    },
    submit: async (token) => {
      const number = pending() ?? ''
      const { error } = await supabase.auth.verifyOtp({ phone: number, token, type: 'phone_change' })
      if (error?.code === 'otp_expired') throw new Error(t('phone.wrongCode'))
      if (error) throw error
      setCurrent(number)
      setPending()
      setPhone('')
      setCode('')
      await session.refresh()
      toast.success(t('phone.saved'), t('phone.savedText', { phone: formatPhone(number) }))
    },
  })

  const resend = () => ask(pending() ?? '').catch((error) => toast.error(errorMessage(error)))

  return (
    <div class="space-y-4">
      <div class="text-sm">
        <p class="font-medium">{t('phone.current')}</p>
        <p class="text-muted">{current() ? formatPhone(current()) : t('phone.none')}</p>
      </div>
      <Show
        when={pending()}
        fallback={
          <form ref={phoneForm.ref} onSubmit={phoneForm.onSubmit} noValidate class="space-y-4">
            <TextField
              label={current() ? t('phone.new') : t('phone.add')}
              description={t('phone.help')}
              type="tel"
              name="phone"
              autocomplete="tel"
              inputmode="tel"
              value={phone()}
              onValue={setPhone}
              error={phoneForm.errors().phone}
              required
            />
            <FormError form={phoneForm} />
            <div class="flex justify-end">
              <Button type="submit" pending={phoneForm.pending()}>
                {t('phone.send')}
              </Button>
            </div>
          </form>
        }
      >
        {(next) => (
          <form ref={codeForm.ref} onSubmit={codeForm.onSubmit} noValidate class="space-y-4">
            <FormAlert tone="info">
              <p>{t('phone.sent', { phone: formatPhone(next()) })}</p>
            </FormAlert>
            <TextField
              label={t('phone.code')}
              name="phone_code"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength={9}
              value={code()}
              onValue={setCode}
              error={codeForm.errors().code}
              required
            />
            <FormError form={codeForm} />
            <div class="flex flex-wrap items-center justify-end gap-3">
              <ResendCode countdown={countdown} send={resend} />
              <Button variant="ghost" onClick={() => setPending()}>
                {t('phone.cancel')}
              </Button>
              <Button type="submit" pending={codeForm.pending()}>
                {t('phone.confirm')}
              </Button>
            </div>
          </form>
        )}
      </Show>
    </div>
  )
}

/** The section's words (its heading and description for the account page). */
export const phoneText = t
