import { createSignal, onMount, Show } from 'solid-js'
import { Email } from '../../../../../edge/contract/tenancy.ts'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * What the first opened link of an email change leaves in the URL (GoTrue's `#message=…`), taken out of
 * the address bar so a reload does not show it again.
 */
function takeLinkMessage(): string | undefined {
  const params = new URLSearchParams(location.hash.slice(1))
  const message = params.get('message')
  if (!message) return undefined
  history.replaceState(history.state, '', location.pathname + location.search)
  return message
}

/**
 * Changing the sign-in email. Auth sends a link to the current address and one to the new address; the
 * email changes only once both are opened, so the form says so rather than claiming the change happened.
 */
export function EmailChangeForm() {
  const { supabase, session } = useApp()
  const [current, setCurrent] = createSignal(session.user()?.email ?? '')
  const [waitingFor, setWaitingFor] = createSignal(session.user()?.new_email)
  const [linkMessage] = createSignal(takeLinkMessage())
  const [email, setEmail] = createSignal('')

  // The stored session may predate a change finished from another device: ask auth for the user as it is.
  onMount(async () => {
    const { data } = await supabase.auth.getUser()
    if (!data.user) return
    setCurrent(data.user.email ?? '')
    setWaitingFor(data.user.new_email)
  })

  const form = createForm({
    validate: () => {
      const parsed = Email.safeParse(email())
      const problem = !email().trim()
        ? t('email.newRequired')
        : !parsed.success
          ? t('email.invalid')
          : parsed.data === current().toLowerCase()
            ? t('email.same')
            : undefined
      return checked(problem ? { new_email: problem } : {}, parsed.data ?? '')
    },
    submit: async (address) => {
      const { data, error } = await supabase.auth.updateUser(
        { email: address },
        { emailRedirectTo: `${location.origin}/account` },
      )
      if (error) throw error
      setWaitingFor(data.user?.new_email ?? address)
      setEmail('')
      await session.refresh()
      toast.success(t('email.checkBoth'), t('email.checkBothText'))
    },
  })

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
      <div class="text-sm">
        <p class="font-medium">{t('email.current')}</p>
        <p class="text-muted">{current() || t('email.none')}</p>
      </div>
      <Show when={waitingFor()}>
        {(next) => (
          <FormAlert tone="info" title={t('email.checkBoth')}>
            <p>{t('email.waiting', { current: current(), next: next() })}</p>
            <Show when={linkMessage()}>
              <p>{t('email.oneConfirmed')}</p>
            </Show>
          </FormAlert>
        )}
      </Show>
      <TextField
        label={t('email.new')}
        type="email"
        name="new_email"
        autocomplete="email"
        value={email()}
        onValue={setEmail}
        error={form.errors().new_email}
        required
      />
      <FormError form={form} />
      <div class="flex justify-end">
        <Button type="submit" pending={form.pending()}>
          {t('email.submit')}
        </Button>
      </div>
    </form>
  )
}
