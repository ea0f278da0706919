import type { PDFFont } from 'pdf-lib'

// Text for pdf-lib's standard fonts (no font files to load, the same under Node and Deno): what they
// can draw, and fitting it to a width. Used by certificates and report exports.

/**
 * Text the standard fonts can draw (they encode WinAnsi only): accents the font lacks are dropped
 * (Ŵ → W), anything else becomes "?", so a name in another script never breaks the download.
 */
export function drawable(font: PDFFont, text: string): string {
  const known = characterSet(font)
  return [...text.replace(/\s+/g, ' ').trim()]
    .map((ch) => {
      if (known.has(ch.codePointAt(0) ?? 0)) return ch
      const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '')
      return [...bare].every((c) => known.has(c.codePointAt(0) ?? 0)) && bare ? bare : '?'
    })
    .join('')
}

const characterSets = new WeakMap<PDFFont, Set<number>>()

/** The code points the font draws (asked of the font once: a report draws thousands of cells). */
function characterSet(font: PDFFont): Set<number> {
  let set = characterSets.get(font)
  if (!set) {
    set = new Set(font.getCharacterSet())
    characterSets.set(font, set)
  }
  return set
}

/** Greedy word wrap of `text` at `size` into lines no wider than `width`. */
export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word
    if (!line || font.widthOfTextAtSize(next, size) <= width) line = next
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  return lines
}

/**
 * The biggest size from `max` down to `min` at which `text` fits `maxLines` lines of `width`; at
 * `min` the last line is cut with an ellipsis (and a single over-long word is cut to fit).
 */
export function fitText(
  font: PDFFont,
  text: string,
  opts: { max: number; min: number; width: number; maxLines: number },
): { size: number; lines: string[] } {
  for (let size = opts.max; size > opts.min; size -= 2) {
    const lines = wrap(font, text, size, opts.width)
    if (lines.length <= opts.maxLines && lines.every((l) => font.widthOfTextAtSize(l, size) <= opts.width)) {
      return { size, lines }
    }
  }
  const size = opts.min
  const lines = wrap(font, text, size, opts.width).slice(0, opts.maxLines)
  const cut = (line: string, force: boolean) => {
    if (!force && font.widthOfTextAtSize(line, size) <= opts.width) return line
    let short = line
    while (short && font.widthOfTextAtSize(`${short}…`, size) > opts.width) short = short.slice(0, -1)
    return `${short.trimEnd()}…`
  }
  const full = wrap(font, text, size, opts.width).length > opts.maxLines
  return { size, lines: lines.map((l, i) => cut(l, full && i === lines.length - 1)) }
}
