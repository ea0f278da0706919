import { A } from '@solidjs/router'
import { translator } from '../../../lib/i18n/i18n.ts'
import { withQuery } from '../../../lib/navigation.ts'
import { messages } from '../phone-messages.ts'

const t = translator(messages)

/** The sign-in page's way to /signin/phone (parents with their number on their account). */
export function PhoneSignInLink(props: { next?: string }) {
  return (
    <div class="flex justify-end text-sm">
      <A href={withQuery('/signin/phone', { next: props.next })} class="link">
        {t('phone.link')}
      </A>
    </div>
  )
}
