// A Vite plugin (web/vite.config.ts) that builds the service worker (web/src/sw/sw.ts) into
// /sw.js with this build's precache list, so that the worker knows the hashed names of the files
// it keeps. The worker is a chunk of the same build (typed, linted, minified like the app) with
// the manifest written in at generateBundle.

import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'
import type { SwManifest } from '../../web/src/sw/manifest.ts'

/** The identifier sw.ts reads its manifest from; replaced by the JSON of the manifest. */
export const MANIFEST_PLACEHOLDER = '__KIPINDI_SW_MANIFEST__'

/** The parts of a bundle entry (a chunk or an asset of the output) that the precache list needs. */
export interface BundleFile {
  type: 'chunk' | 'asset'
  fileName: string
  facadeModuleId?: string | null
  imports?: readonly string[]
  viteMetadata?: { importedCss: Set<string> }
}

/**
 * The URL paths to cache at install: index.html, `extra` (public files), and the chunks whose
 * module ends with one of `roots` together with what they import statically and their CSS.
 * Lazy chunks they only import dynamically (the editor, the video room) are left out.
 */
export function precacheList(
  bundle: Record<string, BundleFile>,
  roots: readonly string[],
  extra: readonly string[] = [],
): string[] {
  const files = new Set<string>(['index.html'])
  const visit = (fileName: string) => {
    const file = bundle[fileName]
    if (!file || files.has(fileName)) return
    files.add(fileName)
    for (const css of file.viteMetadata?.importedCss ?? []) files.add(css)
    for (const imported of file.imports ?? []) visit(imported)
  }
  for (const file of Object.values(bundle)) {
    const id = file.facadeModuleId?.replaceAll('\\', '/')
    if (file.type === 'chunk' && id && roots.some((root) => id.endsWith(root))) visit(file.fileName)
  }
  return [...[...files].map((f) => `/${f}`).sort(), ...extra]
}

/** A short hash of every file name of the build: a new build gets new caches, the same build keeps them. */
export function buildVersion(fileNames: readonly string[]): string {
  return createHash('sha256')
    .update([...fileNames].sort().join('\n'))
    .digest('hex')
    .slice(0, 12)
}

export interface ServiceWorkerOptions {
  /** The worker's source, relative to Vite's root. */
  entry: string
  /** Modules (path endings) whose chunks are precached with their static imports. */
  roots: readonly string[]
  /** Public files to precache as well. */
  extra?: readonly string[]
}

/** Vite plugin: emits `entry` as /sw.js (a classic worker script) with the manifest written in. */
export function serviceWorker(options: ServiceWorkerOptions): Plugin {
  return {
    name: 'kipindi:service-worker',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: options.entry, fileName: 'sw.js' })
    },
    generateBundle(_output, bundle) {
      const sw = bundle['sw.js']
      if (sw?.type !== 'chunk') throw new Error('sw.js is missing from the bundle')
      // A classic worker script cannot import: anything sw.ts shares with the app must be inlined.
      if (sw.imports.length || sw.dynamicImports.length || sw.exports.length) {
        throw new Error(`sw.js must be one self-contained script; it imports ${sw.imports.join(', ')}`)
      }
      const others = Object.values(bundle).filter((file) => file.fileName !== 'sw.js')
      const manifest: SwManifest = {
        version: buildVersion(others.map((file) => file.fileName)),
        precache: precacheList(
          Object.fromEntries(others.map((file) => [file.fileName, file as BundleFile])),
          options.roots,
          options.extra,
        ),
      }
      if (!sw.code.includes(MANIFEST_PLACEHOLDER))
        throw new Error(`sw.js does not read ${MANIFEST_PLACEHOLDER}`)
      sw.code = sw.code.replaceAll(MANIFEST_PLACEHOLDER, JSON.stringify(manifest))
    },
  }
}
