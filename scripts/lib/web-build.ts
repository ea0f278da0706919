import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { precompress } from './compression.ts'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/**
 * Builds web/dist with Vite when it is missing or older than the sources it is made from, and
 * writes Brotli and gzip copies of its text files for the gateway to send as they are.
 */
export async function ensureWebBuild(
  root: string,
  log: (m: string) => void,
): Promise<{ dir: string; built: boolean }> {
  // KIPINDI_WEB_DIST: another build directory, so two stacks on one machine never build into the same one.
  const dir = path.resolve(root, process.env.KIPINDI_WEB_DIST ?? 'web/dist')
  const index = path.join(dir, 'index.html')
  // KIPINDI_WEB_PREBUILT=1: serve that build as it is, however old (the web benchmark's baseline).
  const prebuilt = process.env.KIPINDI_WEB_PREBUILT === '1' && existsSync(index)
  const sources = Math.max(newestMtime(path.join(root, 'web')), newestMtime(path.join(root, 'edge/contract')))
  if (prebuilt || (existsSync(index) && statSync(index).mtimeMs >= sources)) {
    precompress(dir) // a build made before precompression existed, or by `npm run build`
    return { dir, built: false }
  }
  log('vite build …')
  await new Promise<void>((resolve, reject) => {
    const vite = path.join(root, 'node_modules/.bin/vite')
    const child = spawn(
      vite,
      ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir'],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    )
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code})`)),
    )
    child.once('error', reject)
  })
  precompress(dir)
  return { dir, built: true }
}
