// The words side of @mentions, without the page: what is being typed after "@", putting a picked
// name in, which picked people the words still mention, and the words cut into plain text and
// "@Name" pieces for showing. Names are plain text in the words; the ids travel beside them.

export interface Person {
  id: string
  name: string
}

/** "@" at the start or after a space, then up to two words of a name, up to the caret. */
const TYPING = /(?:^|\s)@([\p{L}\p{N}'’.-]{0,30}(?: [\p{L}\p{N}'’.-]{0,30})?)$/u

/** The name being typed before the caret, and where its "@" is; undefined when none is. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | undefined {
  const match = TYPING.exec(text.slice(0, caret))
  if (!match) return undefined
  const query = match[1] ?? ''
  return { start: caret - query.length - 1, query }
}

/** The words with "@query" (from `start` to the caret) replaced by "@Name ", and the caret after it. */
export function insertMention(text: string, start: number, caret: number, name: string) {
  const inserted = `@${name} `
  const after = text.slice(caret).replace(/^ /, '')
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length }
}

/** The picked people whose "@Name" is still in the words, once each. */
export function mentionedIn(text: string, picked: readonly Person[]): string[] {
  const ids = picked.filter((p) => p.name && text.includes(`@${p.name}`)).map((p) => p.id)
  return [...new Set(ids)]
}

export type Piece = { text: string; person?: Person }

/** The words cut into plain pieces and "@Name" pieces of the people they mention (longest names first). */
export function mentionPieces(text: string, people: readonly Person[]): Piece[] {
  const named = people.filter((p) => p.name).sort((a, b) => b.name.length - a.name.length)
  if (named.length === 0) return [{ text }]
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`@(${named.map((p) => literal(p.name)).join('|')})`, 'gu')
  const pieces: Piece[] = []
  let last = 0
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0
    if (at > last) pieces.push({ text: text.slice(last, at) })
    pieces.push({ text: match[0], person: named.find((p) => p.name === match[1]) })
    last = at + match[0].length
  }
  if (last < text.length) pieces.push({ text: text.slice(last) })
  return pieces
}
