import { createEffect } from 'solid-js'
import { allowedAttribute, DROP_WITH_CONTENT, PROSE_TAGS, safeUrl } from '../prose.ts'

/**
 * Lesson HTML from the API (published versions, previews), already sanitised by the server, and
 * cleaned again here against the editor's allow-list before it touches the page. Parsed by
 * DOMParser (inert: nothing runs, nothing loads), then inserted as nodes.
 */
function clean(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  const walk = (parent: Element) => {
    for (const node of [...parent.childNodes]) {
      if (node.nodeType === Node.COMMENT_NODE) {
        node.remove()
        continue
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue
      const el = node as Element
      const tag = el.tagName.toLowerCase()
      if (DROP_WITH_CONTENT.has(tag)) {
        el.remove()
        continue
      }
      walk(el)
      if (!PROSE_TAGS.has(tag)) {
        el.replaceWith(...el.childNodes)
        continue
      }
      for (const attr of [...el.attributes]) {
        const keep =
          allowedAttribute(tag, attr.name) &&
          (attr.name !== 'href' || safeUrl(attr.value, 'link')) &&
          (attr.name !== 'src' || safeUrl(attr.value, 'image'))
        if (!keep) el.removeAttribute(attr.name)
      }
      if (tag === 'a') {
        el.setAttribute('rel', 'noopener noreferrer nofollow')
        el.setAttribute('target', '_blank')
      }
      if (tag === 'img') {
        el.setAttribute('loading', 'lazy')
        el.setAttribute('referrerpolicy', 'no-referrer')
        if (!el.hasAttribute('alt')) el.setAttribute('alt', '')
      }
    }
  }
  walk(parsed.body)
  const fragment = document.createDocumentFragment()
  fragment.append(...parsed.body.childNodes)
  return fragment
}

/** Stored pictures (`data-storage`) get an address signed for this reader, all in one request. */
async function showStoredImages(host: HTMLElement) {
  const images = [...host.querySelectorAll<HTMLImageElement>('img[data-storage]')]
  if (images.length === 0) return
  const { signedUrls } = await import('../../files/storage.ts')
  const urls = await signedUrls(images.map((img) => img.dataset.storage ?? '')).catch(() => new Map())
  for (const img of images) {
    const url = urls.get(img.dataset.storage ?? '')
    if (url) img.src = url
  }
}

/** Renders lesson HTML in the lesson's typography. */
export function ProseHtml(props: { html: string; class?: string }) {
  let host: HTMLDivElement | undefined
  createEffect(() => {
    const fragment = clean(props.html)
    host?.replaceChildren(fragment)
    if (host) void showStoredImages(host)
    // Opened at a section (`#<heading id>`, a tutor's citation): the heading exists only now.
    const id = decodeURIComponent(location.hash.slice(1))
    const target = id ? host?.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`) : null
    if (target) {
      target.style.scrollMarginTop = '5rem' // below the sticky header
      requestAnimationFrame(() => target.scrollIntoView({ block: 'start' }))
    }
  })
  return <div ref={host} class={`prose-lesson ${props.class ?? ''}`} />
}
