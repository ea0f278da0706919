// Text helpers shared by the tutor's rule modules: one normalisation, so that every keyword list
// (safety, classification, language) matches the same way.

/**
 * Lower case, accents removed, apostrophes dropped ("don't" → "dont", "I'm" → "im"), every other
 * non-letter/digit a space, spaces collapsed, and one space at each end. A phrase then matches a
 * whole-word run: ` kill myself ` is found in ` i want to kill myself now ` but not in
 * ` skill myself ` (see `hasPhrase`).
 */
export function normalize(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `
}

/** `phrase` (already normalised words, single spaces) occurs as whole words in normalised `text`. */
export const hasPhrase = (normalized: string, phrase: string) => normalized.includes(` ${phrase} `)

/** The words of a text, normalised. */
export const words = (text: string) => normalize(text).trim().split(' ').filter(Boolean)

/** At most `max` characters, cut after the last whole word, with "…" when cut. */
export function cutAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const room = clean.slice(0, max - 1)
  const space = room.lastIndexOf(' ')
  return `${(space > max * 0.5 ? room.slice(0, space) : room).replace(/[\s,;:.-]+$/, '')}…`
}
