import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { el, h, p, rawDoc, t, tiptapDoc, txt } from '../../../test/support/lesson-docs.ts'
import { fragmentToJson, headingSlug, MAX_SLUG, renderJson, renderLessonDoc } from './lesson-render.ts'
import { escapeHtml, safeHref, safeImageSrc } from './safe-html.ts'

const render = (doc: Y.Doc) => renderLessonDoc(doc)

describe('renderLessonDoc: what the editor writes', () => {
  it('renders headings, paragraphs and marks as the editor shows them', () => {
    const doc = tiptapDoc(
      h(1, 'Fractions'),
      h(3, 'Halves & quarters'),
      p(
        t('A '),
        t('half', { type: 'bold' }),
        t(' is '),
        t('one', { type: 'bold' }, { type: 'italic' }),
        t(' of '),
        t('two', { type: 'underline' }),
        t(' '),
        t('parts', { type: 'strike' }),
        t(' — '),
        t('1/2', { type: 'code' }),
      ),
    )
    const out = render(doc)
    expect(out.html).toBe(
      '<h1 id="fractions">Fractions</h1><h3 id="halves-quarters">Halves &amp; quarters</h3>' +
        '<p>A <strong>half</strong> is <strong><em>one</em></strong> of <u>two</u> <s>parts</s> — <code>1/2</code></p>',
    )
    expect(out.text).toBe('Fractions\n\nHalves & quarters\n\nA half is one of two parts — 1/2')
    expect(out.empty).toBe(false)
  })

  it('keeps one element across runs that share an outer mark', () => {
    const doc = tiptapDoc(p(t('very ', { type: 'bold' }), t('bold', { type: 'bold' }, { type: 'italic' })))
    expect(render(doc).html).toBe('<p><strong>very <em>bold</em></strong></p>')
  })

  it('renders links with safe attributes of its own, whatever the mark carries', () => {
    const doc = tiptapDoc(
      p(
        t('Read '),
        t('this', {
          type: 'link',
          attrs: { href: 'https://kipindi.example/a?b=1&c=2', target: '_self', rel: '' },
        }),
        t(' or '),
        t('mail us', { type: 'link', attrs: { href: 'mailto:help@kipindi.example' } }),
      ),
    )
    expect(render(doc).html).toBe(
      '<p>Read <a href="https://kipindi.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">this</a>' +
        ' or <a href="mailto:help@kipindi.example" target="_blank" rel="noopener noreferrer nofollow">mail us</a></p>',
    )
  })

  it('renders lists, quotes, code, rules, breaks and images', () => {
    const doc = tiptapDoc(
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p('one')] },
          { type: 'listItem', content: [p('two')] },
        ],
      },
      { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p('three')] }] },
      { type: 'blockquote', content: [p('Quoted')] },
      { type: 'codeBlock', attrs: { language: 'python' }, content: [t('print("<hi>")\nx = 1')] },
      { type: 'horizontalRule' },
      p('line', { type: 'hardBreak' }, 'break'),
      { type: 'image', attrs: { src: 'https://cdn.example/a.png', alt: 'A "cat"', title: 'Cat' } },
    )
    const out = render(doc)
    expect(out.html).toBe(
      '<ul><li><p>one</p></li><li><p>two</p></li></ul><ol start="3"><li><p>three</p></li></ol>' +
        '<blockquote><p>Quoted</p></blockquote>' +
        '<pre><code class="language-python">print(&quot;&lt;hi&gt;&quot;)\nx = 1</code></pre><hr>' +
        '<p>line<br>break</p><img src="https://cdn.example/a.png" alt="A &quot;cat&quot;" title="Cat">',
    )
    expect(out.text).toBe('- one\n- two\n\n3. three\n\nQuoted\n\nprint("<hi>")\nx = 1\n\nline\nbreak')
  })

  it('renders tables with header cells and spans', () => {
    const cell = (type: string, text: string, attrs = {}) => ({ type, attrs, content: [p(text)] })
    const doc = tiptapDoc({
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Term'), cell('tableHeader', 'Meaning')] },
        { type: 'tableRow', content: [cell('tableCell', 'Numerator', { colspan: 2, rowspan: 1 })] },
      ],
    })
    const out = render(doc)
    expect(out.html).toBe(
      '<table><tbody><tr><th><p>Term</p></th><th><p>Meaning</p></th></tr>' +
        '<tr><td colspan="2"><p>Numerator</p></td></tr></tbody></table>',
    )
    expect(out.text).toBe('Term | Meaning\nNumerator')
  })

  it('calls a draft with only empty paragraphs empty, and one with an image not', () => {
    expect(render(tiptapDoc(p(), p('  ')))).toMatchObject({ empty: true, text: '' })
    expect(render(new Y.Doc())).toEqual({ html: '', text: '', empty: true })
    expect(render(tiptapDoc({ type: 'image', attrs: { src: 'https://x.example/i.png' } })).empty).toBe(false)
  })
})

describe('renderLessonDoc: hostile documents', () => {
  it('writes script tags and markup typed as text as text', () => {
    const doc = rawDoc(el('paragraph', {}, [txt(['<script>alert(1)</script><img src=x onerror=alert(2)>'])]))
    const { html } = render(doc)
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</p>')
    expect(html).not.toMatch(/<script|<img/)
  })

  it('drops javascript:, data: and relative links but keeps their text', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      '\u0001javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '/relative/path',
      '//evil.example/x',
      42,
    ]) {
      const doc = rawDoc(el('paragraph', {}, [txt(['click', { link: { href } }])]))
      expect(render(doc).html, String(href)).toBe('<p>click</p>')
    }
  })

  it('escapes attribute injection in every attribute it writes', () => {
    const doc = rawDoc(
      el('image', {
        src: 'https://x.example/a.png" onerror="alert(1)',
        alt: '" onload="alert(2)',
        title: "'><script>",
      }),
      el('paragraph', {}, [txt(['x', { link: { href: 'https://x.example/"><script>alert(3)</script>' } }])]),
      el('codeBlock', { language: 'js" onclick="alert(4)' }, [txt(['code'])]),
      el('heading', { level: '1><script>' }, [txt(['h'])]),
      el('orderedList', { start: '2" onclick="x' }, [
        el('listItem', {}, [el('paragraph', {}, [txt(['i'])])]),
      ]),
      el('table', {}, [el('tableRow', {}, [el('tableCell', { colspan: '2" onclick="x' }, [])])]),
    )
    const { html } = render(doc)
    expect(html).not.toMatch(/<script|" on[a-z]+="|' on/)
    expect(html).toContain('src="https://x.example/a.png%22%20onerror=%22alert(1)"')
    expect(html).toContain('alt="&quot; onload=&quot;alert(2)"')
    expect(html).toContain('title="&#39;&gt;&lt;script&gt;"')
    expect(html).toContain('<pre><code>code</code></pre>')
    expect(html).toContain('<h1 id="h">h</h1>')
    expect(html).toContain('<ol><li>')
    expect(html).toContain('<td></td>')
  })

  it('keeps only http(s) and raster data: images', () => {
    const src = (s: unknown) => render(rawDoc(el('image', { src: s }))).html
    expect(src('javascript:alert(1)')).toBe('')
    expect(src('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=')).toBe('')
    expect(src('data:text/html;base64,PHNjcmlwdD4=')).toBe('')
    expect(src('/local.png')).toBe('')
    expect(src('data:image/png;base64,iVBORw0KGgo=')).toBe(
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    )
    expect(src('http://x.example/a.png')).toBe('<img src="http://x.example/a.png" alt="">')
  })

  it('keeps a stored picture as its storage path, and nothing that only looks like one', () => {
    const school = '11111111-1111-4111-8111-111111111111'
    const course = '22222222-2222-4222-8222-222222222222'
    const stored = (storage: unknown) => render(rawDoc(el('image', { storage, alt: 'Cell' }))).html
    expect(stored(`lesson-media/${school}/${course}/ab12cd34-cell.png`)).toBe(
      `<img data-storage="lesson-media/${school}/${course}/ab12cd34-cell.png" alt="Cell">`,
    )
    for (const bad of [
      `avatars/${school}/x.png`,
      `lesson-media/${school}/${course}/../x.png`,
      `lesson-media/${school}/${course}/a"onerror="x.png`,
      'lesson-media/x/y/z.png',
      42,
    ]) {
      expect(stored(bad), String(bad)).toBe('')
    }
  })

  it('renders the children of unknown nodes and ignores unknown marks and attributes', () => {
    const doc = rawDoc(
      el('script', {}, [
        el('paragraph', { onclick: 'alert(1)', style: 'x' }, [txt(['inside', { blink: {}, bold: {} }])]),
      ]),
      el('iframe', { src: 'https://evil.example' }, [txt(['loose text'])]),
    )
    expect(render(doc).html).toBe('<p><strong>inside</strong></p>loose text')
  })

  it('reads y-prosemirror hashed mark names (overlapping marks of one type)', () => {
    const doc = rawDoc(el('paragraph', {}, [txt(['b', { 'bold--AbCd1234': {} }])]))
    expect(render(doc).html).toBe('<p><strong>b</strong></p>')
  })

  it('drops what is nested deeper than any editor nests, without overflowing the stack', () => {
    const doc = new Y.Doc()
    let parent: Y.XmlFragment = doc.getXmlFragment('content')
    for (let i = 0; i < 3000; i++) {
      const quote = new Y.XmlElement('blockquote')
      parent.insert(0, [quote])
      parent = quote
    }
    parent.insert(0, [el('paragraph', {}, [txt(['deep'])])])
    expect(() => render(doc)).not.toThrow()
    expect(render(doc).text).toBe('')
  })

  it('renders hostile JSON (not from Yjs) safely too', () => {
    const out = renderJson({
      type: 'doc',
      content: [
        null as never,
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 5 as never },
            { type: 'text', text: '<b>', marks: 'x' as never },
          ],
        },
        { type: 'heading', attrs: { level: 9 }, content: [{ type: 'text', text: 'h' }] },
      ],
    })
    expect(out.html).toBe('<p>&lt;b&gt;</p><h1 id="h">h</h1>')
  })
})

describe('helpers', () => {
  it('escapes the five HTML characters and NUL', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\u0000</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;\uFFFD&lt;/a&gt;',
    )
  })

  it('accepts only absolute http(s) and mailto links, and http(s) or raster data: images', () => {
    expect(safeHref('https://a.example/x y')).toBe('https://a.example/x%20y')
    expect(safeHref('mailto:a@b.example')).toBe('mailto:a@b.example')
    expect(safeHref('ftp://a.example')).toBeUndefined()
    expect(safeImageSrc('https://a.example/i.png')).toBe('https://a.example/i.png')
    expect(safeImageSrc('mailto:a@b.example')).toBeUndefined()
  })

  it('converts a fragment to the ProseMirror JSON y-prosemirror would give', () => {
    const doc = tiptapDoc(h(2, 'Hi'), p(t('x', { type: 'bold' })))
    expect(fragmentToJson(doc.getXmlFragment('content'))).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Hi', marks: [] }] },
        {
          type: 'paragraph',
          attrs: {},
          content: [{ type: 'text', text: 'x', marks: [{ type: 'bold', attrs: {} }] }],
        },
      ],
    })
  })
})

describe('heading ids', () => {
  it('slugs the lowercase letters and digits of the text, joined by -', () => {
    expect(headingSlug('Photosynthesis: how plants make food!')).toBe('photosynthesis-how-plants-make-food')
    expect(headingSlug('  Sehemu ya 2 — Mimea  ')).toBe('sehemu-ya-2-mimea')
    expect(headingSlug('Élève & Café')).toBe('eleve-cafe')
    expect(headingSlug('')).toBe('section')
    expect(headingSlug('?!')).toBe('section')
  })

  it('keeps ids to at most 60 characters, cut between words', () => {
    const long = headingSlug('word '.repeat(40))
    expect(long.length).toBeLessThanOrEqual(MAX_SLUG)
    expect(long).toMatch(/^word(-word)*$/)
    expect(headingSlug('x'.repeat(100))).toBe('x'.repeat(MAX_SLUG))
  })

  it('gives each heading of a lesson its own id: -2, -3… for repeats', () => {
    const out = render(
      tiptapDoc(h(1, 'Intro'), p('a'), h(2, 'Intro'), h(2, 'Intro 2'), h(3, 'Intro'), h(2, '!'), h(2, '?')),
    )
    expect(out.html).toBe(
      '<h1 id="intro">Intro</h1><p>a</p><h2 id="intro-2">Intro</h2><h2 id="intro-2-2">Intro 2</h2>' +
        '<h3 id="intro-3">Intro</h3><h2 id="section">!</h2><h2 id="section-2">?</h2>',
    )
  })

  it('takes the id from the text alone, not from marks or hostile attributes', () => {
    const out = renderJson({
      type: 'doc',
      content: [
        {
          type: 'heading',
          attrs: { level: 2, id: '"><script>' },
          content: [
            { type: 'text', text: 'Bold ', marks: [{ type: 'bold' }] },
            { type: 'text', text: '<move>' },
          ],
        },
      ],
    })
    expect(out.html).toBe('<h2 id="bold-move"><strong>Bold </strong>&lt;move&gt;</h2>')
    expect(out.text).toBe('Bold <move>')
  })
})
