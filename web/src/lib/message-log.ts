// A conversation in the browser (a ticket's messages, a session's chat): the first load, live
// events and catch-up calls after a reconnect folded into one list ordered by id.

/** Both lists as one, ordered by id, each message once (a live event and a catch-up may overlap). */
export function mergeMessages<M extends { id: number }>(list: readonly M[], more: readonly M[]): M[] {
  if (more.length === 0) return [...list]
  const byId = new Map<number, M>()
  for (const m of list) byId.set(m.id, m)
  for (const m of more) byId.set(m.id, m)
  return [...byId.values()].sort((a, b) => a.id - b.id)
}

/** The id of the newest message (0 when there is none): where a catch-up continues from. */
export const lastMessageId = (list: readonly { id: number }[]): number =>
  list.reduce((max, m) => (m.id > max ? m.id : max), 0)
