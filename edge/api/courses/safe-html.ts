// Escaping and URL checks for writing HTML from untrusted values (lesson-render.ts uses them).

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  // NUL is not allowed in HTML text: it becomes the replacement character.
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string).replaceAll(String.fromCharCode(0), '\uFFFD')
}

/** ` name="value"`, escaped. */
export const attr = (name: string, value: string) => ` ${name}="${escapeHtml(value)}"`

/** A string attribute (numbers become strings); undefined for anything else. */
export const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined)

/** An integer attribute in [min, max] (given as a number or digits); undefined for anything else. */
export function int(v: unknown, min: number, max: number): number | undefined {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined
}

/** An absolute http(s) or mailto URL, normalised; undefined for anything else (javascript:, relative, …). */
export function safeHref(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 2048) return undefined
  try {
    const url = new URL(v.trim())
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}

const dataImage = /^data:image\/(png|jpeg|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]+$/i

/** An http(s) URL or a base64 raster data:image URL (not SVG); undefined for anything else. */
const STORED_IMAGE = /^lesson-media\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/[A-Za-z0-9._-]{1,200}$/

/** The storage path of a lesson picture (`lesson-media/<school>/<course>/<file>`), or undefined. */
export function storedImagePath(v: unknown): string | undefined {
  return typeof v === 'string' && STORED_IMAGE.test(v) ? v : undefined
}

export function safeImageSrc(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined
  const s = v.trim()
  if (dataImage.test(s)) return s.replace(/\s+/g, '')
  try {
    const url = new URL(s)
    return (url.protocol === 'http:' || url.protocol === 'https:') && s.length <= 2048 ? url.href : undefined
  } catch {
    return undefined
  }
}
