import { createSignal, createUniqueId, type JSX, Show } from 'solid-js'
import { errorMessage } from '../api/errors.ts'
import { EmailChangeForm } from '../components/Auth/EmailChangeForm.tsx'
import { PasswordChecklist, passwordError } from '../components/Auth/PasswordChecklist.tsx'
import { useSignOut } from '../components/Auth/useSignOut.ts'
import { Button } from '../components/UI/Button.tsx'
import { focusFirstInvalid, TextField } from '../components/UI/Field.tsx'
import { FormAlert } from '../components/UI/FormAlert.tsx'
import { Page } from '../components/UI/Page.tsx'
import { toast } from '../components/UI/Toaster.tsx'
import { formatDate } from '../lib/format.ts'
import { useApp } from '../state/AppContext.tsx'

function Section(props: { title: string; description: string; children: JSX.Element }) {
  return (
    <section class="grid grid-cols-1 gap-4 border-b border-line py-8 first:pt-0 last:border-0 md:grid-cols-[16rem_minmax(0,1fr)]">
      <div>
        <h2 class="font-semibold">{props.title}</h2>
        <p class="mt-1 text-sm text-muted">{props.description}</p>
      </div>
      <div class="card p-5 sm:p-6">{props.children}</div>
    </section>
  )
}

/** /account — display name, email, password, and signing out here or everywhere. */
export default function Account() {
  const { session } = useApp()
  return (
    <Page title="Account" description={<>Signed in as {session.user()?.email}</>}>
      <Section title="Profile" description="The name other people in your schools see.">
        <ProfileForm />
      </Section>
      <Section
        title="Email"
        description="The address you sign in with and where invitations are sent. A change needs a link opened in both inboxes."
      >
        <EmailChangeForm />
      </Section>
      <Section title="Password" description="Choose a new password for signing in.">
        <PasswordForm />
      </Section>
      <Section
        title="Sign-ins"
        description="Sign out on this device, or on every device where you are signed in."
      >
        <Sessions />
      </Section>
    </Page>
  )
}

function ProfileForm() {
  const { supabase, session, tenant } = useApp()
  const [name, setName] = createSignal(session.displayName())
  const [error, setError] = createSignal<string>()
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  let form: HTMLFormElement | undefined

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const value = name().trim()
    setError(
      !value
        ? 'Enter the name people will see.'
        : value.length > 100
          ? 'Use at most 100 characters.'
          : undefined,
    )
    if (error()) return focusFirstInvalid(form)
    setPending(true)
    const { error: err } = await supabase.auth.updateUser({ data: { display_name: value } })
    setPending(false)
    if (err) return setFormError(errorMessage(err))
    await session.refresh()
    void tenant.refresh()
    toast.success('Profile saved')
  }

  return (
    <form ref={form} onSubmit={submit} noValidate class="space-y-4">
      <TextField
        label="Display name"
        name="display_name"
        autocomplete="name"
        value={name()}
        onValue={setName}
        error={error()}
        required
      />
      <Show when={session.user()?.created_at}>
        <p class="text-sm text-muted">Member since {formatDate(session.user()?.created_at)}</p>
      </Show>
      <Show when={formError()}>
        <FormAlert>
          <p>{formError()}</p>
        </FormAlert>
      </Show>
      <div class="flex justify-end">
        <Button type="submit" pending={pending()}>
          Save profile
        </Button>
      </div>
    </form>
  )
}

function PasswordForm() {
  const { supabase } = useApp()
  const [password, setPassword] = createSignal('')
  const [error, setError] = createSignal<string>()
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const checklistId = createUniqueId()
  let form: HTMLFormElement | undefined

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    setError(passwordError(password()))
    if (error()) return focusFirstInvalid(form)
    setPending(true)
    const { error: err } = await supabase.auth.updateUser({ password: password() })
    setPending(false)
    if (err) return setFormError(errorMessage(err))
    setPassword('')
    toast.success('Password changed', 'Use your new password next time you sign in.')
  }

  return (
    <form ref={form} onSubmit={submit} noValidate class="space-y-4">
      <div>
        <TextField
          label="New password"
          type="password"
          name="new_password"
          autocomplete="new-password"
          value={password()}
          onValue={setPassword}
          error={error()}
          describedBy={checklistId}
          required
        />
        <PasswordChecklist id={checklistId} password={password()} />
      </div>
      <Show when={formError()}>
        <FormAlert>
          <p>{formError()}</p>
        </FormAlert>
      </Show>
      <div class="flex justify-end">
        <Button type="submit" pending={pending()}>
          Change password
        </Button>
      </div>
    </form>
  )
}

function Sessions() {
  const signOut = useSignOut()
  const [pending, setPending] = createSignal<'local' | 'global'>()
  const run = async (scope: 'local' | 'global') => {
    setPending(scope)
    try {
      await signOut(scope)
    } finally {
      setPending()
    }
  }
  return (
    <div class="flex flex-col gap-3 sm:flex-row">
      <Button variant="secondary" pending={pending() === 'local'} onClick={() => run('local')}>
        Sign out
      </Button>
      <Button variant="danger" pending={pending() === 'global'} onClick={() => run('global')}>
        Sign out everywhere
      </Button>
    </div>
  )
}
