import { A } from '@solidjs/router'
import type { JSX } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { Page } from '../../ui/Page.tsx'
import { DevicesSection } from './components/DevicesSection.tsx'
import { MfaSection } from './components/MfaSection.tsx'
import { messages } from './security-messages.ts'

const t = translator(messages)

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

/** /account/security — the authenticator app, recovery codes and the devices signed in. */
export default function Security() {
  return (
    <Page
      title={t('security.title')}
      description={
        <>
          {t('security.description')}{' '}
          <A href="/account" class="link">
            {t('security.back')}
          </A>
        </>
      }
    >
      <Section title={t('mfa.title')} description={t('recovery.text')}>
        <MfaSection />
      </Section>
      <Section title={t('devices.title')} description={t('devices.text')}>
        <DevicesSection />
      </Section>
    </Page>
  )
}
