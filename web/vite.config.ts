import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { serviceWorker } from '../scripts/lib/sw-plugin.ts'

const root = fileURLToPath(new URL('.', import.meta.url))
/** Where `vite dev` forwards auth, functions and realtime: the local gateway of `npm start`. */
const gateway = process.env.KIPINDI_GATEWAY_URL ?? 'http://localhost:3000'

export default defineConfig({
  root,
  envDir: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [
    solid(),
    tailwindcss(),
    // /sw.js: precaches the shell and what reading a lesson or an outline needs (web/src/sw/).
    serviceWorker({
      entry: 'src/sw/sw.ts',
      roots: [
        '/src/index.tsx',
        '/src/shell/layout/TenantLayout.tsx',
        '/src/features/lessons/Lesson.tsx',
        '/src/features/courses/Course.tsx',
      ],
      extra: ['/favicon.svg', '/manifest.webmanifest'],
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the production build: they would publish our sources (the gateway also
    // refuses *.map). `npm run dev` still has Vite's own maps.
    sourcemap: false,
    // livekit-client (~570 kB, ~150 kB gzip) is the one bigger chunk; only the room page loads it.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries in their own long-cached chunks; pages stay small lazy chunks.
        codeSplitting: {
          groups: [
            { name: 'supabase', test: /node_modules[\\/]@supabase[\\/]/, priority: 3 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 3 },
            {
              name: 'kobalte',
              test: /node_modules[\\/]@(kobalte|internationalized|floating-ui|corvu)[\\/]/,
              priority: 2,
            },
            { name: 'solid', test: /node_modules[\\/](solid-js|@solidjs)[\\/]/, priority: 2 },
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
