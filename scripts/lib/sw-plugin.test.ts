import { describe, expect, it } from 'vitest'
import { type BundleFile, buildVersion, precacheList } from './sw-plugin.ts'

const chunk = (fileName: string, facadeModuleId: string | null, imports: string[] = [], css: string[] = []) =>
  ({
    type: 'chunk',
    fileName,
    facadeModuleId,
    imports,
    viteMetadata: { importedCss: new Set(css) },
  }) as BundleFile
const asset = (fileName: string) => ({ type: 'asset', fileName }) as BundleFile

/** A build like ours: an entry with its libraries, a lazy lesson page, the lazy editor and video room. */
const bundle = Object.fromEntries(
  [
    asset('index.html'),
    chunk(
      'assets/index-a1.js',
      '/w/web/src/index.tsx',
      ['assets/solid-b2.js', 'assets/zod-c3.js'],
      ['assets/index-d4.css'],
    ),
    chunk('assets/solid-b2.js', null),
    chunk('assets/zod-c3.js', null),
    asset('assets/index-d4.css'),
    chunk('assets/Lesson-e5.js', '/w/web/src/features/lessons/Lesson.tsx', [
      'assets/ProseHtml-f6.js',
      'assets/solid-b2.js',
    ]),
    chunk('assets/ProseHtml-f6.js', '/w/web/src/features/lessons/components/ProseHtml.tsx'),
    chunk('assets/LessonEdit-g7.js', '/w/web/src/features/lessons/LessonEdit.tsx', ['assets/tiptap-h8.js']),
    chunk('assets/tiptap-h8.js', null),
    chunk('assets/livekit-client-i9.js', null),
  ].map((file) => [file.fileName, file]),
)

describe('precacheList', () => {
  it('lists index.html, the entry with its static imports and CSS, and the reading pages', () => {
    expect(
      precacheList(bundle, ['/src/index.tsx', '/src/features/lessons/Lesson.tsx'], ['/favicon.svg']),
    ).toEqual([
      '/assets/Lesson-e5.js',
      '/assets/ProseHtml-f6.js',
      '/assets/index-a1.js',
      '/assets/index-d4.css',
      '/assets/solid-b2.js',
      '/assets/zod-c3.js',
      '/index.html',
      '/favicon.svg',
    ])
  })

  it('leaves out the lazy editor and the video room', () => {
    const list = precacheList(bundle, ['/src/index.tsx', '/src/features/lessons/Lesson.tsx'])
    expect(list.filter((f) => /tiptap|livekit|LessonEdit/.test(f))).toEqual([])
  })

  it('matches roots by the end of the module path only, on Windows paths too', () => {
    const windows = { 'a.js': chunk('a.js', 'C:\\w\\web\\src\\index.tsx') }
    expect(precacheList(windows, ['/src/index.tsx'])).toEqual(['/a.js', '/index.html'])
    expect(precacheList(windows, ['/src/other.tsx'])).toEqual(['/index.html'])
  })
})

describe('buildVersion', () => {
  it('is the same for the same files in any order, and changes with any file', () => {
    expect(buildVersion(['a.js', 'b.css'])).toBe(buildVersion(['b.css', 'a.js']))
    expect(buildVersion(['a.js', 'b.css'])).not.toBe(buildVersion(['a2.js', 'b.css']))
    expect(buildVersion(['a.js'])).toMatch(/^[0-9a-f]{12}$/)
  })
})
