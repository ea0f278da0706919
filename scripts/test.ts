// `npm test`: typecheck (tsc, deno check), lint/format check, vitest (unit + integration on a real
// embedded Postgres), then Playwright end-to-end in Chromium. Stops at the first failing step.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { ensureSystemDeps } from './lib/system-deps.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name)

const steps: [string, string, string[]][] = [
  ['typecheck (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  [
    'typecheck (deno check edge)',
    bin('deno'),
    [
      'check',
      '--quiet',
      'supabase/functions/api/index.ts',
      'supabase/functions/livekit-webhook/index.ts',
      'scripts/serve-functions.ts',
    ],
  ],
  ['lint + format (biome)', bin('biome'), ['check', '.']],
  ['unit + integration (vitest)', bin('vitest'), ['run']],
  ['end-to-end (playwright)', bin('playwright'), ['test', '-c', 'test/e2e/playwright.config.ts']],
]

const only = process.argv.slice(2)
const deps = ensureSystemDeps()
if (!deps.ok) {
  console.error(deps.message)
  process.exit(1)
}
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue
  console.log(`\n▶ ${name}`)
  const started = performance.now()
  const result = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: deps.chromium },
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds} s`)
    process.exit(result.status ?? 1)
  }
  console.log(`✓ ${name} (${seconds} s)`)
}
console.log('\nAll checks passed.')
