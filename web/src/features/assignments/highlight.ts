// Splits a text into plain and highlighted pieces for <mark>: the similarity check's passages are
// character ranges [start, end) that may overlap or touch; they are merged first.

export interface Piece {
  text: string
  marked: boolean
}

/** Ranges sorted and merged (overlapping or touching ranges become one), clamped to the text. */
export function mergeRanges(
  ranges: ReadonlyArray<readonly [number, number]>,
  length: number,
): Array<[number, number]> {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, s), Math.min(length, e)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0])
  const out: Array<[number, number]> = []
  for (const [s, e] of sorted) {
    const last = out[out.length - 1]
    if (last && s <= last[1]) last[1] = Math.max(last[1], e)
    else out.push([s, e])
  }
  return out
}

/** The text in order as pieces, the ranges marked. */
export function highlight(text: string, ranges: ReadonlyArray<readonly [number, number]>): Piece[] {
  const pieces: Piece[] = []
  let at = 0
  for (const [s, e] of mergeRanges(ranges, text.length)) {
    if (s > at) pieces.push({ text: text.slice(at, s), marked: false })
    pieces.push({ text: text.slice(s, e), marked: true })
    at = e
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false })
  return pieces
}

/** A score (0–1) as a whole percentage, never "0 %" for a real match. */
export const percent = (share: number): number => (share > 0 ? Math.max(1, Math.round(share * 100)) : 0)
