import * as Y from 'yjs'
import { LESSON_FRAGMENT } from '../../contract/courses.ts'
import { attr, escapeHtml, int, safeHref, safeImageSrc, storedImagePath, str } from './safe-html.ts'

// Renders a lesson's Yjs body (the Tiptap/ProseMirror tree in the `content` fragment) to HTML and
// plain text without a DOM. Only allow-listed nodes, marks and attributes are written; every text
// and attribute is escaped, and URLs keep only safe schemes. The output is stored in
// lesson_versions and shown to students as is, so nothing from the document is trusted.

/** A ProseMirror JSON mark, as Tiptap stores it (`{ type: 'link', attrs: { href } }`). */
export interface PmMark {
  type: string
  attrs?: Record<string, unknown>
}

/** A ProseMirror JSON node (`doc`, `paragraph`, `text`, …). */
export interface PmNode {
  type: string
  attrs?: Record<string, unknown>
  content?: PmNode[]
  text?: string
  marks?: PmMark[]
}

/** A rendered lesson: sanitised HTML, plain text (for search and the AI tutor), and whether it has anything in it. */
export interface RenderedLesson {
  html: string
  text: string
  empty: boolean
}

/** Deeper nesting than this is dropped: no editor produces it, and it keeps recursion bounded. */
export const MAX_DEPTH = 100

// y-prosemirror names a mark `name--<8 chars>` when two marks of one type overlap.
const hashedMarkName = /^(.*)--[a-zA-Z0-9+/=]{8}$/
const markName = (attr: string) => hashedMarkName.exec(attr)?.[1] ?? attr

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function children(parent: Y.XmlFragment, depth: number): PmNode[] {
  if (depth > MAX_DEPTH) return []
  const out: PmNode[] = []
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string' || op.insert === '') continue
        const marks = Object.entries(op.attributes ?? {}).map(([name, attrs]) => ({
          type: markName(name),
          attrs: isRecord(attrs) ? attrs : {},
        }))
        out.push({ type: 'text', text: op.insert, marks })
      }
    } else if (child instanceof Y.XmlElement) {
      out.push({ type: child.nodeName, attrs: child.getAttributes(), content: children(child, depth + 1) })
    }
  }
  return out
}

/** The ProseMirror JSON of a Y.XmlFragment (what y-prosemirror's yXmlFragmentToProsemirrorJSON gives, bounded). */
export function fragmentToJson(fragment: Y.XmlFragment): PmNode {
  return { type: 'doc', content: children(fragment, 0) }
}

// Marks open outermost first, so that equal runs share one element and tags always nest.
const MARK_ORDER = ['link', 'bold', 'italic', 'underline', 'strike', 'code'] as const
const MARK_TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  underline: 'u',
  strike: 's',
  code: 'code',
}

interface OpenMark {
  key: string
  open: string
  close: string
}

function openMarks(marks: PmMark[] | undefined): OpenMark[] {
  const out: OpenMark[] = []
  for (const type of MARK_ORDER) {
    const mark = marks?.find((m) => m?.type === type)
    if (!mark) continue
    if (type === 'link') {
      const href = safeHref(mark.attrs?.href)
      if (!href) continue
      out.push({
        key: `link ${href}`,
        open: `<a${attr('href', href)} target="_blank" rel="noopener noreferrer nofollow">`,
        close: '</a>',
      })
    } else {
      const tag = MARK_TAGS[type] as string
      out.push({ key: type, open: `<${tag}>`, close: `</${tag}>` })
    }
  }
  return out
}

interface Out {
  html: string
  text: string
}

interface Context {
  /** Images and rules written: a lesson with only those is not empty. */
  media: number
  /** Heading ids already given in this lesson, so that each is unique. */
  ids: Set<string>
}

/** Longest heading id before a `-2`, `-3`… suffix. */
export const MAX_SLUG = 60

/**
 * The id of a heading: the lowercase letters and digits of its text joined by `-`, at most 60
 * characters, `section` when none. Links (`#id`) and the AI tutor's citations point at it; the
 * database splits published lessons into passages at headings and keeps these ids
 * (private.index_lesson_version).
 */
export function headingSlug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word
    if (next.length > MAX_SLUG) {
      if (!slug) slug = word.slice(0, MAX_SLUG)
      break
    }
    slug = next
  }
  return slug || 'section'
}

/** `slug`, or `slug-2`, `slug-3`… when an earlier heading of the lesson has it. */
function uniqueId(ctx: Context, slug: string): string {
  let id = slug
  for (let n = 2; ctx.ids.has(id); n++) id = `${slug}-${n}`
  ctx.ids.add(id)
  return id
}

/** Inline content of a textblock: text runs with their marks, hard breaks and images. */
function renderInline(nodes: PmNode[], ctx: Context, depth: number): Out {
  let html = ''
  let text = ''
  let open: OpenMark[] = []
  const closeFrom = (i: number) => {
    for (let j = open.length - 1; j >= i; j--) html += open[j]?.close
    open = open.slice(0, i)
  }
  for (const node of nodes) {
    if (!isRecord(node)) continue
    if (node.type === 'text') {
      if (typeof node.text !== 'string') continue
      const wanted = openMarks(Array.isArray(node.marks) ? node.marks : undefined)
      let same = 0
      while (same < open.length && same < wanted.length && open[same]?.key === wanted[same]?.key) same++
      closeFrom(same)
      for (const m of wanted.slice(same)) html += m.open
      open = wanted
      html += escapeHtml(node.text)
      text += node.text
    } else {
      closeFrom(0)
      const out = renderNode(node, ctx, depth)
      html += out.html
      text += out.text
    }
  }
  closeFrom(0)
  return { html, text }
}

function renderAll(nodes: unknown, ctx: Context, depth: number): Out {
  let html = ''
  let text = ''
  if (!Array.isArray(nodes)) return { html, text }
  for (const node of nodes) {
    if (!isRecord(node)) continue
    const out =
      node.type === 'text'
        ? renderInline([node as unknown as PmNode], ctx, depth)
        : renderNode(node as unknown as PmNode, ctx, depth)
    html += out.html
    text += out.text
  }
  return { html, text }
}

const textOf = (nodes: unknown, depth: number): string => {
  if (!Array.isArray(nodes) || depth > MAX_DEPTH) return ''
  return nodes
    .map((n) =>
      !isRecord(n)
        ? ''
        : n.type === 'text'
          ? (str(n.text) ?? '')
          : n.type === 'hardBreak'
            ? '\n'
            : textOf(n.content, depth + 1),
    )
    .join('')
}

function block(tag: string, attrs: string, inner: Out, textAfter = '\n\n'): Out {
  return { html: `<${tag}${attrs}>${inner.html}</${tag}>`, text: inner.text + textAfter }
}

function cell(tag: 'th' | 'td', node: PmNode, ctx: Context, depth: number): Out {
  const colspan = int(node.attrs?.colspan, 1, 1000)
  const rowspan = int(node.attrs?.rowspan, 1, 1000)
  const attrs =
    (colspan && colspan > 1 ? attr('colspan', String(colspan)) : '') +
    (rowspan && rowspan > 1 ? attr('rowspan', String(rowspan)) : '')
  const inner = renderAll(node.content, ctx, depth + 1)
  return { html: `<${tag}${attrs}>${inner.html}</${tag}>`, text: inner.text.trim().replace(/\s*\n\s*/g, ' ') }
}

function list(tag: 'ul' | 'ol', attrs: string, node: PmNode, ctx: Context, depth: number, start = 1): Out {
  let html = ''
  let text = ''
  let n = start
  for (const item of Array.isArray(node.content) ? node.content : []) {
    if (!isRecord(item)) continue
    const out = renderNode(item, ctx, depth + 1)
    html += out.html
    const body = out.text.trim()
    if (item.type === 'listItem')
      text += `${tag === 'ul' ? '-' : `${n++}.`} ${body.replace(/\n+/g, '\n  ')}\n`
    else if (body) text += `${body}\n`
  }
  return { html: `<${tag}${attrs}>${html}</${tag}>`, text: `${text}\n` }
}

function renderNode(node: PmNode, ctx: Context, depth: number): Out {
  if (depth > MAX_DEPTH || !isRecord(node)) return { html: '', text: '' }
  const a = isRecord(node.attrs) ? node.attrs : {}
  const inline = () => renderInline(Array.isArray(node.content) ? node.content : [], ctx, depth + 1)
  switch (node.type) {
    case 'paragraph':
      return block('p', '', inline())
    case 'heading': {
      const id = uniqueId(ctx, headingSlug(textOf(node.content, depth + 1)))
      return block(`h${int(a.level, 1, 6) ?? 1}`, attr('id', id), inline())
    }
    case 'blockquote':
      return block('blockquote', '', renderAll(node.content, ctx, depth + 1), '\n')
    case 'bulletList':
      return list('ul', '', node, ctx, depth)
    case 'orderedList': {
      const start = int(a.start, -1_000_000, 1_000_000) ?? 1
      return list('ol', start === 1 ? '' : attr('start', String(start)), node, ctx, depth, start)
    }
    case 'listItem':
      return block('li', '', renderAll(node.content, ctx, depth + 1), '\n')
    case 'codeBlock': {
      const language = str(a.language)
      const cls =
        language && /^[A-Za-z0-9_+#.-]{1,32}$/.test(language) ? attr('class', `language-${language}`) : ''
      const code = textOf(node.content, depth + 1)
      return { html: `<pre><code${cls}>${escapeHtml(code)}</code></pre>`, text: `${code}\n\n` }
    }
    case 'horizontalRule':
      ctx.media++
      return { html: '<hr>', text: '\n' }
    case 'hardBreak':
      return { html: '<br>', text: '\n' }
    case 'image': {
      // A stored picture keeps its storage path: each reader's browser signs its own address.
      const stored = storedImagePath(a.storage)
      const src = stored ? undefined : safeImageSrc(a.src)
      if (!src && !stored) return { html: '', text: '' }
      ctx.media++
      const alt = str(a.alt)
      const title = str(a.title)
      const source = stored ? attr('data-storage', stored) : attr('src', src as string)
      return {
        html: `<img${source}${alt ? attr('alt', alt) : ' alt=""'}${title ? attr('title', title) : ''}>`,
        text: '',
      }
    }
    case 'table': {
      const inner = renderAll(node.content, ctx, depth + 1)
      return { html: `<table><tbody>${inner.html}</tbody></table>`, text: `${inner.text}\n` }
    }
    case 'tableRow': {
      const cells = (Array.isArray(node.content) ? node.content : [])
        .filter(isRecord)
        .map((c) =>
          c.type === 'tableHeader' || c.type === 'tableCell'
            ? cell(c.type === 'tableHeader' ? 'th' : 'td', c as PmNode, ctx, depth + 1)
            : renderNode(c as PmNode, ctx, depth + 1),
        )
      return {
        html: `<tr>${cells.map((c) => c.html).join('')}</tr>`,
        text: `${cells.map((c) => c.text).join(' | ')}\n`,
      }
    }
    case 'tableHeader':
      return cell('th', node, ctx, depth)
    case 'tableCell':
      return cell('td', node, ctx, depth)
    case 'text':
      return renderInline([node], ctx, depth)
    default:
      // doc, and any node we do not know: keep what is inside, drop the wrapper.
      return renderAll(node.content, ctx, depth + 1)
  }
}

/** Renders ProseMirror JSON (a `doc` node) to sanitised HTML and plain text. */
export function renderJson(doc: PmNode): RenderedLesson {
  const ctx: Context = { media: 0, ids: new Set() }
  const out = renderNode(doc, ctx, 0)
  const text = out.text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return { html: out.html, text, empty: text === '' && ctx.media === 0 }
}

/** Renders a Y.XmlFragment holding a Tiptap document to sanitised HTML and plain text. */
export function renderFragment(fragment: Y.XmlFragment): RenderedLesson {
  return renderJson(fragmentToJson(fragment))
}

/** Renders a lesson draft: the `content` fragment of its Y.Doc. */
export function renderLessonDoc(doc: Y.Doc): RenderedLesson {
  return renderFragment(doc.getXmlFragment(LESSON_FRAGMENT))
}
