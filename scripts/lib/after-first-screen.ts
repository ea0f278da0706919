import type { Plugin } from 'vite'

/** The `build.modulePreload.resolveDependencies` that `afterFirstScreen` fills in. */
export type ResolveDependencies = (file: string, deps: string[]) => string[]

/** True when a chunk holds one of `modules` (path endings), as its own module or inside a group. */
export function holdsAny(
  chunk: { facadeModuleId?: string | null; moduleIds?: readonly string[] },
  modules: readonly string[],
): boolean {
  const ids = [chunk.facadeModuleId, ...(chunk.moduleIds ?? [])]
  return ids.some((id) => !!id && modules.some((m) => id.replaceAll('\\', '/').endsWith(m)))
}

/**
 * Vite preloads what a lazy import needs with one `<link rel="modulepreload">` per chunk, appended
 * by script; each append held the main thread about a millisecond (four on a phone's CPU), twenty
 * of them in one task once the page had its data (Help, the bell, the toasts, the live client).
 * Nothing waits for those: their chunks are imported without the links, and the browser's module
 * loader fetches what they import. Returns the plugin that learns their chunks' file names and the
 * `resolveDependencies` for `build.modulePreload` that leaves their links out.
 */
export function afterFirstScreen(modules: readonly string[]): {
  plugin: Plugin
  resolveDependencies: ResolveDependencies
} {
  const files = new Set<string>()
  const plugin: Plugin = {
    name: 'kipindi:after-first-screen',
    apply: 'build',
    generateBundle: {
      // Before Vite's import analysis writes the preload lists (in its own generateBundle).
      order: 'pre',
      handler(_options, bundle) {
        files.clear()
        for (const file of Object.values(bundle))
          if (file.type === 'chunk' && holdsAny(file, modules)) files.add(file.fileName)
        const missing = modules.filter(
          (m) => !Object.values(bundle).some((f) => f.type === 'chunk' && holdsAny(f, [m])),
        )
        if (missing.length) this.error(`after-first-screen: no chunk holds ${missing.join(', ')}`)
      },
    },
  }
  return { plugin, resolveDependencies: (file, deps) => (files.has(file) ? [] : deps) }
}
