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
      'supabase/functions/ai-tutor/index.ts',
      'supabase/functions/stripe-webhook/index.ts',
      'supabase/functions/mpesa-callback/index.ts',
      'scripts/serve-functions.ts',
    ],
  ],
  ['lint + format (biome)', bin('biome'), ['check', '.']],
  // `npm test -- unit`: the tests that need no Postgres, Redis, Deno or browser (vitest.config.ts).
  ['unit (vitest, no services)', bin('vitest'), ['run', '--project', 'unit']],
  ['integration (vitest, real Postgres, Redis and Deno)', bin('vitest'), ['run', '--project', 'integration']],
  ['end-to-end (playwright)', bin('playwright'), ['test', '-c', 'test/e2e/playwright.config.ts']],
]

const only = process.argv.slice(2)
const selected = steps.filter(([name]) => !only.length || only.some((o) => name.includes(o)))
// Chromium and Redis are needed only by the integration and end-to-end steps.
const needsSystem = selected.some(([name]) => name.startsWith('integration') || name.startsWith('end-to-end'))
const deps = needsSystem ? ensureSystemDeps() : { ok: true as const, chromium: undefined }
if (!deps.ok) {
  console.error(deps.message)
  process.exit(1)
}
for (const [name, cmd, args] of selected) {
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
