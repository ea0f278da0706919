import { A } from '@solidjs/router'
import Ban from 'lucide-solid/icons/ban'
import { Show } from 'solid-js'
import type { SchoolStatus } from '../../../../edge/contract/admin.ts'
import { formatDate } from '../../lib/format.ts'
import { defineMessages } from '../../lib/i18n/catalogue.ts'
import { translator } from '../../lib/i18n/i18n.ts'

const t = translator(
  defineMessages({
    en: {
      title: '{school} is suspended',
      text: 'The platform has paused this school since {date}. Its courses, lessons and members are kept safe, but nobody can open them until it is reactivated.',
      reason: 'Reason given: {reason}',
      help: 'If you run this school, contact Kipindi support. Everyone else: your school will tell you when it is back.',
      otherSchools: 'Go to my schools',
      viewing:
        'This school is suspended. Members see a notice instead of it; you see it as a platform admin.',
    },
    sw: {
      title: '{school} imesimamishwa',
      text: 'Jukwaa limesimamisha shule hii tangu {date}. Kozi, masomo na wanachama wake wamehifadhiwa salama, lakini hakuna anayeweza kuvifungua hadi irejeshwe.',
      reason: 'Sababu iliyotolewa: {reason}',
      help: 'Ikiwa unaendesha shule hii, wasiliana na msaada wa Kipindi. Wengine wote: shule yako itawajulisha itakaporejea.',
      otherSchools: 'Nenda kwenye shule zangu',
      viewing:
        'Shule hii imesimamishwa. Wanachama wanaona ilani badala yake; wewe unaiona kama msimamizi wa jukwaa.',
    },
  }),
)

/** The full-page notice a member of a suspended school sees instead of the school (English and Kiswahili). */
export default function SuspendedNotice(props: { school: SchoolStatus }) {
  return (
    <section
      class="card mx-auto mt-8 max-w-xl p-8 text-center"
      role="alert"
      aria-labelledby="suspended-title"
      data-testid="school-suspended"
    >
      <Ban size={36} class="mx-auto text-danger" aria-hidden="true" />
      <h1 id="suspended-title" class="mt-4 text-2xl font-bold tracking-tight">
        {t('title', { school: props.school.name })}
      </h1>
      <p class="mt-3 text-muted">{t('text', { date: formatDate(props.school.suspended_at) })}</p>
      <Show when={props.school.suspension_reason}>
        {(reason) => <p class="mt-3 font-medium">{t('reason', { reason: reason() })}</p>}
      </Show>
      <p class="mt-3 text-sm text-muted">{t('help')}</p>
      <A href="/app" class="btn-primary mt-6 inline-flex">
        {t('otherSchools')}
      </A>
    </section>
  )
}

/** The line a superadmin sees above a suspended school they look at. */
export function SuspendedBanner() {
  return (
    <p class="mb-4 rounded-lg bg-danger-soft px-4 py-3 text-sm text-danger" role="status">
      {t('viewing')}
    </p>
  )
}
