import { createSignal, onMount, Show } from 'solid-js'
import { Email } from '../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../api/errors.ts'
import { useApp } from '../../state/AppContext.tsx'
import { Button } from '../UI/Button.tsx'
import { focusFirstInvalid, TextField } from '../UI/Field.tsx'
import { FormAlert } from '../UI/FormAlert.tsx'
import { toast } from '../UI/Toaster.tsx'

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
  const [error, setError] = createSignal<string>()
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  let form: HTMLFormElement | undefined

  // The stored session may predate a change finished from another device: ask auth for the user as it is.
  onMount(async () => {
    const { data } = await supabase.auth.getUser()
    if (!data.user) return
    setCurrent(data.user.email ?? '')
    setWaitingFor(data.user.new_email)
  })

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const parsed = Email.safeParse(email())
    setError(
      !email().trim()
        ? 'Enter the new email address.'
        : !parsed.success
          ? (parsed.error.issues[0]?.message ?? 'Enter a valid email address.')
          : parsed.data === current().toLowerCase()
            ? 'This is already your email address.'
            : undefined,
    )
    if (error() || !parsed.success) return focusFirstInvalid(form)
    setPending(true)
    const { data, error: err } = await supabase.auth.updateUser(
      { email: parsed.data },
      { emailRedirectTo: `${location.origin}/account` },
    )
    setPending(false)
    if (err) return setFormError(errorMessage(err))
    setWaitingFor(data.user?.new_email ?? parsed.data)
    setEmail('')
    await session.refresh()
    toast.success('Check both inboxes', 'Your email changes once you open the links sent to both addresses.')
  }

  return (
    <form ref={form} onSubmit={submit} noValidate class="space-y-4">
      <div class="text-sm">
        <p class="font-medium">Current email</p>
        <p class="text-muted">{current()}</p>
      </div>
      <Show when={waitingFor()}>
        {(next) => (
          <FormAlert tone="info" title="Check both inboxes">
            <p>
              We sent a confirmation link to {current()} and another to {next()}. Your email stays {current()}{' '}
              until both links are opened.
            </p>
            <Show when={linkMessage()}>
              <p>One link is confirmed. Open the link in the other inbox to finish.</p>
            </Show>
          </FormAlert>
        )}
      </Show>
      <TextField
        label="New email"
        type="email"
        name="new_email"
        autocomplete="email"
        value={email()}
        onValue={setEmail}
        error={error()}
        required
      />
      <Show when={formError()}>
        <FormAlert>
          <p>{formError()}</p>
        </FormAlert>
      </Show>
      <div class="flex justify-end">
        <Button type="submit" pending={pending()}>
          Change email
        </Button>
      </div>
    </form>
  )
}
