// What a file is, from its first bytes rather than its name or the type the client claims. An
// upload is refused when its bytes are an executable, or when they are not what the client says
// (a PNG named photo.pdf, an HTML page sent as image/png).

/** How many leading bytes `sniff` looks at. */
export const SNIFF_BYTES = 512

const starts = (head: Uint8Array, bytes: number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

/** Binary signatures, first match wins. */
const SIGNATURES: { type: string; test: (h: Uint8Array) => boolean }[] = [
  { type: 'image/png', test: (h) => starts(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', test: (h) => starts(h, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', test: (h) => starts(h, ascii('GIF87a')) || starts(h, ascii('GIF89a')) },
  { type: 'image/webp', test: (h) => starts(h, ascii('RIFF')) && starts(h, ascii('WEBP'), 8) },
  { type: 'application/pdf', test: (h) => starts(h, ascii('%PDF-')) },
  { type: 'application/zip', test: (h) => starts(h, [0x50, 0x4b, 0x03, 0x04]) },
  {
    type: 'audio/mpeg',
    test: (h) => starts(h, ascii('ID3')) || starts(h, [0xff, 0xfb]) || starts(h, [0xff, 0xf3]),
  },
  { type: 'video/mp4', test: (h) => starts(h, ascii('ftyp'), 4) },
  { type: 'audio/ogg', test: (h) => starts(h, ascii('OggS')) },
  { type: 'video/webm', test: (h) => starts(h, [0x1a, 0x45, 0xdf, 0xa3]) },
]

/** Programs a device would run: Windows PE, ELF, Mach-O, Java classes and scripts with a `#!` line. */
const EXECUTABLES: number[][] = [
  ascii('MZ'),
  [0x7f, 0x45, 0x4c, 0x46],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
  ascii('#!'),
]

/** Office documents are zip files: the type the client names is kept when the bytes are a zip. */
const ZIP_DOCUMENTS = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/zip',
])

export function isExecutable(head: Uint8Array): boolean {
  return EXECUTABLES.some((bytes) => starts(head, bytes))
}

/** Markup a browser would run as a page or a script: refused as text, never served inline. */
function looksLikeMarkup(text: string): boolean {
  return /^\s*(<\?xml|<!doctype|<html|<svg|<script|<head|<body|<iframe)/i.test(text)
}

/** Text without NUL or other control bytes (tabs and line ends aside), as UTF-8. */
function textOf(head: Uint8Array): string | null {
  // The sniffed bytes may end inside a multi-byte character: decode leniently, then look for controls.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return null
  return text
}

/** The type the bytes show (one of SIGNATURES, `text/plain`, `text/html`, `image/svg+xml`), or null. */
export function sniff(head: Uint8Array): string | null {
  const known = SIGNATURES.find((s) => s.test(head))
  if (known) return known.type
  const text = textOf(head)
  if (text === null) return null
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg/i.test(text)) return 'image/svg+xml'
  if (looksLikeMarkup(text)) return 'text/html'
  return 'text/plain'
}

/** The MIME type without parameters, lower case (`Text/Plain; charset=UTF-8` → `text/plain`). */
export function essence(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase()
}

export type TypeCheck = { ok: true; type: string } | { ok: false; reason: 'executable' | 'mismatch' }

/**
 * The content type to store for an upload the client calls `declared`, or why it is refused: the
 * bytes decide (a JPEG is stored as image/jpeg whatever it was called); a declared type the bytes
 * cannot confirm is refused, except octet-stream uploads of bytes we do not recognise.
 */
export function checkType(declared: string, head: Uint8Array): TypeCheck {
  if (isExecutable(head)) return { ok: false, reason: 'executable' }
  const claimed = essence(declared || 'application/octet-stream')
  const seen = sniff(head)
  if (seen === 'application/zip' && ZIP_DOCUMENTS.has(claimed)) return { ok: true, type: claimed }
  if (seen === 'text/plain' && /^text\/(plain|csv|markdown)$/.test(claimed))
    return { ok: true, type: claimed }
  if (seen && (claimed === seen || claimed === 'application/octet-stream')) return { ok: true, type: seen }
  if (!seen && claimed === 'application/octet-stream') return { ok: true, type: claimed }
  if (head.length === 0 && !isBinaryOnly(claimed)) return { ok: true, type: claimed }
  return { ok: false, reason: 'mismatch' }
}

/** Types whose files cannot be empty (an empty text file is fine; an empty PNG is not a PNG). */
function isBinaryOnly(type: string): boolean {
  return SIGNATURES.some((s) => s.type === type) || ZIP_DOCUMENTS.has(type)
}

/** Types a browser may show inline from our origin: raster images, PDF, audio, video, plain text. */
export function servedInline(type: string): boolean {
  return /^(image\/(png|jpeg|gif|webp)|application\/pdf|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+|text\/plain)$/.test(
    essence(type),
  )
}

/** Does `type` match one of a bucket's allowed types (`image/png`, `image/*`)? No list allows all. */
export function allowedBy(list: string[] | null | undefined, type: string): boolean {
  if (!list || list.length === 0) return true
  const t = essence(type)
  return list.some((entry) => {
    const e = essence(entry)
    return e === t || (e.endsWith('/*') && t.startsWith(e.slice(0, -1)))
  })
}
