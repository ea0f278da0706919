// What lesson HTML may contain when the app shows it. The server already sanitises published
// HTML; the browser checks again (defence in depth) with this allow-list before inserting it.

/** Elements a lesson can contain (what the editor's schema renders). */
export const PROSE_TAGS: ReadonlySet<string> = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  's',
  'u',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'colgroup',
  'col',
  'span',
  'div',
])

/** Elements dropped with everything inside them (the rest are unwrapped, keeping their text). */
export const DROP_WITH_CONTENT: ReadonlySet<string> = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'link',
  'meta',
  'base',
])

/** Headings keep their `id` (the server's section ids): the tutor's citations open a lesson at one. */
const HEADING_ATTRS: ReadonlySet<string> = new Set(['id'])

const ATTRS: Record<string, ReadonlySet<string>> = {
  h1: HEADING_ATTRS,
  h2: HEADING_ATTRS,
  h3: HEADING_ATTRS,
  h4: HEADING_ATTRS,
  h5: HEADING_ATTRS,
  h6: HEADING_ATTRS,
  a: new Set(['href', 'title']),
  img: new Set(['src', 'alt', 'title', 'width', 'height', 'data-storage']),
  ol: new Set(['start']),
  th: new Set(['colspan', 'rowspan']),
  td: new Set(['colspan', 'rowspan']),
  col: new Set(['span']),
  code: new Set(['class']),
  pre: new Set(['class']),
}

/** True when an attribute may stay on an element (URLs are checked separately by `safeUrl`). */
export function allowedAttribute(tag: string, name: string): boolean {
  return ATTRS[tag]?.has(name.toLowerCase()) ?? false
}

/** True for http(s), mailto and relative URLs; false for javascript:, data:, vbscript: and the like. */
export function safeUrl(url: string, kind: 'link' | 'image' = 'link'): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  const cleaned = [...url]
    .filter((c) => {
      const code = c.charCodeAt(0)
      return code > 0x20 && (code < 0x7f || code > 0x9f)
    })
    .join('')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase()
  if (!scheme) return true
  return kind === 'image'
    ? scheme === 'https' || scheme === 'http'
    : ['http', 'https', 'mailto'].includes(scheme)
}

/** A URL a person typed into the link or image box, made absolute ("example.org" → "https://example.org"). */
export function normaliseUrl(input: string): string | undefined {
  const v = input.trim()
  if (!v) return undefined
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v.replace(/^\/\/+/, '')}`
  try {
    const url = new URL(withScheme)
    if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return undefined
    if (url.protocol !== 'mailto:' && !url.hostname.includes('.') && url.hostname !== 'localhost')
      return undefined
    return url.toString()
  } catch {
    return undefined
  }
}
