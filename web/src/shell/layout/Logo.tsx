import { A } from '@solidjs/router'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The Kipindi mark and word, linking home. */
export function Logo(props: { href?: string }) {
  return (
    <A
      href={props.href ?? '/'}
      class="flex shrink-0 items-center gap-2 rounded-lg font-bold tracking-tight"
      aria-label={t('logo.home')}
    >
      <svg viewBox="0 0 32 32" class="size-8" aria-hidden="true">
        <rect width="32" height="32" rx="8" class="fill-primary" />
        <path
          d="M10 8v16M10 16l9-8M12.5 14l7.5 10"
          class="stroke-on-primary"
          stroke-width="3"
          stroke-linecap="round"
          stroke-linejoin="round"
          fill="none"
        />
        <circle cx="24" cy="9" r="2.5" fill="#f59e0b" />
      </svg>
      <span class="text-lg">Kipindi</span>
    </A>
  )
}
