import { createAsync } from '@solidjs/router'
import { createEffect, createSignal, on } from 'solid-js'
import type { ConversationSummary } from '../../../../edge/contract/ai.ts'
import { errorMessage } from '../../api/errors.ts'
import { toast } from '../../ui/Toaster.tsx'
import { getConversations, type ListFilters } from './api.ts'

/** Flagged conversations first, then the most recently active (the reviewers' order). */
export function flaggedFirst(items: readonly ConversationSummary[]): ConversationSummary[] {
  const rank = (c: ConversationSummary) => (c.flagged_at ? 0 : 1)
  return [...items].sort((a, b) => rank(a) - rank(b) || b.updated_at.localeCompare(a.updated_at))
}

/**
 * A list of conversations: the first page from the router's cache (revalidated after each answer),
 * older pages added on "Show older" (`next_before`), each conversation once.
 */
export function useConversationList(tenantId: () => string, filters: () => ListFilters) {
  const first = createAsync(() => getConversations(tenantId(), filters()))
  const [older, setOlder] = createSignal<ConversationSummary[]>([])
  const [next, setNext] = createSignal<string | null>(null)
  const [loadingMore, setLoadingMore] = createSignal(false)
  createEffect(
    on(first, (page) => {
      setOlder([])
      setNext(page?.next_before ?? null)
    }),
  )

  const items = () => {
    const seen = new Set<string>()
    const all = [...(first()?.items ?? []), ...older()].filter((c) => !seen.has(c.id) && !!seen.add(c.id))
    return filters().scope === 'review' ? flaggedFirst(all) : all
  }

  async function more() {
    const before = next()
    if (!before || loadingMore()) return
    setLoadingMore(true)
    try {
      const page = await getConversations(tenantId(), filters(), before)
      setOlder((list) => [...list, ...page.items])
      setNext(page.next_before)
    } catch (e) {
      toast.error(errorMessage(e))
    } finally {
      setLoadingMore(false)
    }
  }

  return { loaded: () => first() !== undefined, items, hasMore: () => !!next(), loadingMore, more }
}
