/**
 * Colours for people in a shared lesson (carets, selections, presence avatars). Each is a
 * `#rrggbb` (the caret extension accepts only that form) dark enough for white label text
 * (contrast ≥ 4.5:1) and still visible on the dark theme's surface.
 */
export const USER_COLORS = [
  '#0f766e',
  '#b45309',
  '#7c3aed',
  '#be123c',
  '#1d4ed8',
  '#15803d',
  '#c2410c',
  '#a21caf',
  '#0369a1',
  '#4d7c0f',
  '#4338ca',
  '#9f1239',
] as const

/** FNV-1a over the UTF-16 code units: small, fast and well spread for ids. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The same colour for a user id on every device and every visit. */
export function colorForUser(userId: string): string {
  return USER_COLORS[hash(userId) % USER_COLORS.length]
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

/** WCAG contrast ratio of two `#rrggbb` colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}
