import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig, type Plugin } from 'vite'
import solid from 'vite-plugin-solid'
import { afterFirstScreen } from '../scripts/lib/after-first-screen.ts'
import { lightIcons } from '../scripts/lib/light-icons.ts'
import { routePreloads } from '../scripts/lib/route-preloads.ts'
import { serviceWorker } from '../scripts/lib/sw-plugin.ts'

const root = fileURLToPath(new URL('.', import.meta.url))
/** Where `vite dev` forwards auth, functions and realtime: the local gateway of `npm start`. */
const gateway = process.env.KIPINDI_GATEWAY_URL ?? 'http://localhost:3000'

/**
 * Writes the hashed path of Supabase Auth's chunk into index.html, whose inline script preloads it
 * for a visitor with a stored session (lib/lazy-auth.ts loads it after the entry otherwise).
 */
function authChunkPath(): Plugin {
  return {
    name: 'kipindi:auth-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) =>
            c.type === 'chunk' &&
            !!c.facadeModuleId?.replaceAll('\\', '/').endsWith('/@supabase/auth-js/dist/module/index.js'),
        )
        if (!chunk) throw new Error('The build has no chunk of @supabase/auth-js (web/src/lib/runtime.ts).')
        return html.replace('__KIPINDI_AUTH_CHUNK__', `/${chunk.fileName}`)
      },
    },
  }
}

// Loaded once the page has its data (api/client.ts's afterPageData, or by what loads then): their
// dependencies come through the browser's module loader, without one preload link each.
const later = afterFirstScreen([
  '/src/ui/Toaster.tsx',
  '/src/features/support/components/HelpButton.tsx',
  '/src/features/notifications/NotificationBell.tsx',
  '/src/shell/state/access-refresh.ts',
  '/src/shell/state/live.ts',
  '/src/api/check.ts',
  '/edge/contract/routes/tenancy.ts',
  '/edge/contract/routes/courses.ts',
  '/node_modules/@supabase/auth-js/dist/module/index.js',
])

export default defineConfig({
  root,
  envDir: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [
    // lucide's icons drawn by a cloned <svg> (web/src/ui/icon.ts) instead of lucide-solid's component.
    lightIcons(),
    solid(),
    tailwindcss(),
    authChunkPath(),
    later.plugin,
    // route-preloads.json: each page's scripts, which the gateway names in that page's index.html.
    routePreloads(fileURLToPath(new URL('src/routes.ts', import.meta.url))),
    // /sw.js: precaches the shell and what reading a lesson or an outline needs (web/src/sw/).
    serviceWorker({
      entry: 'src/sw/sw.ts',
      roots: [
        '/src/index.tsx',
        // Loaded after the first screen, but every page wants them, offline too.
        '/src/api/check.ts',
        // The route families of what a reader opens offline (a school, its courses and lessons).
        '/edge/contract/routes/tenancy.ts',
        '/edge/contract/routes/courses.ts',
        '/node_modules/@supabase/auth-js/dist/module/index.js',
        '/src/ui/Toaster.tsx',
        '/src/features/support/components/HelpButton.tsx',
        '/src/features/notifications/NotificationBell.tsx',
        '/src/shell/layout/TenantLayout.tsx',
        '/src/features/lessons/Lesson.tsx',
        '/src/features/courses/Course.tsx',
      ],
      extra: ['/favicon.svg', '/manifest.webmanifest'],
    }),
  ],
  // The answer checker's worker (api/check-worker.ts) is a module worker: its own chunks, no inlining.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the production build: they would publish our sources (the gateway also
    // refuses *.map). `npm run dev` still has Vite's own maps.
    sourcemap: false,
    // Every browser that runs an es2022 build has <link rel="modulepreload">: no polyfill in the entry.
    modulePreload: { polyfill: false, resolveDependencies: later.resolveDependencies },
    // livekit-client (~570 kB, ~150 kB gzip) is the one bigger chunk; only the room page loads it.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries in their own long-cached chunks; pages stay lazy chunks.
        codeSplitting: {
          groups: [
            // What the first screen needs, in one file next to the entry (not split in several
            // small chunks by which pages share it); the groups below then take only lazy code.
            // (The service worker is an entry too, and must stay one self-contained script.)
            {
              name: 'app',
              tags: ['$initial'],
              test: (id) => !/web[\\/]src[\\/]sw[\\/](?!register)/.test(id),
              priority: 10,
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 3 },
            {
              // By the pages that use them (a menu, a dialog, toasts), not one chunk for all: a page
              // with one dialog should not download every Kobalte component.
              name: 'kobalte',
              test: /node_modules[\\/]@(kobalte|internationalized|floating-ui|corvu)[\\/]/,
              priority: 2,
              entriesAware: true,
              entriesAwareMergeThreshold: 8 * 1024,
            },
            {
              // Icons and shared UI are a few hundred bytes each: as separate chunks a page needed
              // a dozen extra requests. Grouped by the pages that use them, small groups merged.
              // Not ui/lazy/ (what loads when first used): merged into a group, it came with pages.
              name: 'ui',
              test: /node_modules[\\/]lucide-solid[\\/]|kipindi-icon:|web[\\/]src[\\/]ui[\\/](?!lazy[\\/])/,
              priority: 1,
              entriesAware: true,
              entriesAwareMergeThreshold: 4 * 1024,
            },
            // The lesson editor's libraries: loaded only with /lessons/:id/edit.
            {
              name: 'prosemirror-view',
              test: /node_modules[\\/]prosemirror-(view|tables)[\\/]/,
              priority: 3,
            },
            {
              name: 'prosemirror',
              test: /node_modules[\\/](prosemirror-[^\\/]+|orderedmap|rope-sequence|w3c-keyname|linkifyjs)[\\/]/,
              priority: 2,
            },
            { name: 'tiptap', test: /node_modules[\\/]@tiptap[\\/]/, priority: 2 },
            {
              name: 'yjs',
              test: /node_modules[\\/](yjs|y-websocket|y-indexeddb|y-protocols|lib0)[\\/]/,
              priority: 3,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/auth/v1': gateway,
      '/functions/v1': gateway,
      '/config.json': gateway,
      '/realtime/v1': { target: gateway, ws: true },
    },
  },
})
