import ChevronLeft from 'lucide-solid/icons/chevron-left'
import ChevronRight from 'lucide-solid/icons/chevron-right'
import { Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** Previous / next between pages of members, with "Page 2 of 5"; nothing when one page holds them all. */
export function MemberPager(props: { page: number; pages: number; onPage: (page: number) => void }) {
  return (
    <Show when={props.pages > 1}>
      <nav aria-label={t('members.pages')} class="mt-4 flex items-center justify-between gap-2">
        <button
          type="button"
          class="btn-secondary px-3"
          disabled={props.page <= 1}
          onClick={() => props.onPage(props.page - 1)}
        >
          <ChevronLeft size={16} />
          {t('members.previous')}
        </button>
        <span class="text-sm text-muted" aria-live="polite">
          {t('members.pageOf', { page: props.page, pages: props.pages })}
        </span>
        <button
          type="button"
          class="btn-secondary px-3"
          disabled={props.page >= props.pages}
          onClick={() => props.onPage(props.page + 1)}
        >
          {t('members.next')}
          <ChevronRight size={16} />
        </button>
      </nav>
    </Show>
  )
}
