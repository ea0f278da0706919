import { createSignal, type JSX } from 'solid-js'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Button } from '../../ui/Button.tsx'
import { Page } from '../../ui/Page.tsx'
import { useSignOut } from '../auth/useSignOut.ts'
import { EmailChangeForm } from './components/EmailChangeForm.tsx'
import { PasswordForm } from './components/PasswordForm.tsx'
import { ProfileForm } from './components/ProfileForm.tsx'

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
        <SignOutButtons />
      </Section>
    </Page>
  )
}

function SignOutButtons() {
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
