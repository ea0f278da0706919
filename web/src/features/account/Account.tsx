import { A } from '@solidjs/router'
import { createSignal, type JSX, lazy, Show } from 'solid-js'
import { formatPhone } from '../../../../edge/contract/phone-number.ts'
import { isPupilLoginEmail } from '../../../../edge/contract/pupils-values.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Button } from '../../ui/Button.tsx'
import { Page } from '../../ui/Page.tsx'
import { useSignOut } from '../auth/useSignOut.ts'
import { InviteParentSection } from '../guardians/InviteParent.lazy.ts'
import { messages as profileMessages } from '../profiles/messages.ts'
import { AvatarForm } from './components/AvatarForm.tsx'
import { DeleteAccountZone } from './components/DeleteAccountSection.lazy.ts'
import { EmailChangeForm } from './components/EmailChangeForm.tsx'
import { LanguageForm } from './components/LanguageForm.tsx'
import { MyDataSection, myDataText } from './components/MyDataSection.tsx'
import { NotificationSettingsForm } from './components/NotificationSettingsForm.tsx'
import { PasswordForm } from './components/PasswordForm.tsx'
import { PhoneSection, phoneText } from './components/PhoneSection.tsx'
import { ProfileForm } from './components/ProfileForm.tsx'
import { messages } from './messages.ts'

const ProfileDetails = lazy(() => import('../profiles/ProfileDetails.tsx'))
const tp = translator(profileMessages)

const t = translator(messages)

function Section(props: { id?: string; title: string; description: string; children: JSX.Element }) {
  return (
    <section
      id={props.id}
      class="scroll-mt-20 grid grid-cols-1 gap-4 border-b border-line py-8 first:pt-0 last:border-0 md:grid-cols-[16rem_minmax(0,1fr)]"
    >
      <div>
        <h2 class="font-semibold">{props.title}</h2>
        <p class="mt-1 text-sm text-muted">{props.description}</p>
      </div>
      <div class="card p-5 sm:p-6">{props.children}</div>
    </section>
  )
}

/** /account — display name, email, password, language, notifications, and signing out here or everywhere. */
export default function Account() {
  const { session } = useApp()
  // A pupil's sign-in address is made up (pupils/README.md): never shown, and it cannot change.
  const pupil = () => isPupilLoginEmail(session.user()?.email)
  // Pupils by their name; people without email (added by phone) by their number.
  const signedInAs = () => {
    const user = session.user()
    if (pupil() || !user) return session.displayName() ?? ''
    return user.email || (user.phone ? formatPhone(user.phone) : (session.displayName() ?? ''))
  }
  return (
    <Page title={t('account.title')} description={t('account.signedInAs', { email: signedInAs() })}>
      <Section title={t('section.profile')} description={t('section.profileText')}>
        <ProfileForm />
      </Section>
      <Section title={t('section.picture')} description={t('section.pictureText')}>
        <AvatarForm />
      </Section>
      <Section title={tp('details.title')} description={tp('details.text')}>
        <ProfileDetails />
      </Section>
      <Show when={!pupil()}>
        <Section title={t('section.email')} description={t('section.emailText')}>
          <EmailChangeForm />
        </Section>
      </Show>
      <Section title={t('section.password')} description={t('section.passwordText')}>
        <PasswordForm />
      </Section>
      <Section title={phoneText('phone.title')} description={phoneText('phone.text')}>
        <PhoneSection />
      </Section>
      <Section title={t('section.language')} description={t('section.languageText')}>
        <LanguageForm />
      </Section>
      <Section
        id="notifications"
        title={t('section.notifications')}
        description={t('section.notificationsText')}
      >
        <NotificationSettingsForm />
      </Section>
      <Section title={t('section.security')} description={t('section.securityText')}>
        <A href="/account/security" class="btn-secondary">
          {t('section.securityLink')}
        </A>
      </Section>
      <Section title={myDataText('myData.title')} description={myDataText('myData.text')}>
        <MyDataSection />
      </Section>
      <InviteParentSection />
      <Section title={t('section.signIns')} description={t('section.signInsText')}>
        <SignOutButtons />
      </Section>
      <DeleteAccountZone />
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
        {t('signOut.here')}
      </Button>
      <Button variant="danger" pending={pending() === 'global'} onClick={() => run('global')}>
        {t('signOut.everywhere')}
      </Button>
    </div>
  )
}
