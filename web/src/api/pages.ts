// Lists the API pages with `?after=<id>&limit=` (a ticket's messages, a session's chat).

/** The most items one page answers (the API's cap). */
export const PAGE_LIMIT = 500

/**
 * Every item after `after`, oldest first, following pages until a short one: the first load of a
 * conversation (after 0) and the catch-up after a reconnect (after the last id shown).
 */
export async function allAfter<T extends { id: number }>(
  after: number,
  page: (query: { after: number; limit: number }) => Promise<T[]>,
): Promise<T[]> {
  const all: T[] = []
  let from = after
  for (;;) {
    const items = await page({ after: from, limit: PAGE_LIMIT })
    all.push(...items)
    if (items.length < PAGE_LIMIT) return all
    from = items[items.length - 1].id
  }
}
