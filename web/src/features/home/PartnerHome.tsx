import { translator } from '../../lib/i18n/i18n.ts'
import { SponsorshipsLink } from '../sponsors/links/SponsorshipsLink.tsx'
import { HomeHeader } from './HomeHeader.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** A partner organisation's home: the seats it pays for and how those students are doing. */
export function PartnerHome() {
  return (
    <div class="space-y-8">
      <HomeHeader intro={t('partner.intro')} />
      <div class="max-w-md">
        <SponsorshipsLink />
      </div>
    </div>
  )
}
