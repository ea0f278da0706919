import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

/** Where tests live (unit tests next to their code, integration tests under test/integration). */
const ROOTS = ['edge', 'realtime', 'scripts', 'web/src', 'test/integration']

/** Every `*.test.ts` below the roots, as a path relative to the project. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(file)
    return entry.name.endsWith('.test.ts') ? [file] : []
  })
}

/**
 * A test needs services (Postgres, Redis, Deno, real servers) when it uses the shared test
 * support or a feature's test helpers, or asks for the run's database; everything else is a unit
 * test that `npm test -- unit` runs on its own in seconds, without starting anything.
 */
const NEEDS_SERVICES = /from ['"][^'"]*(?:test\/support\/|testing\.ts)[^'"]*['"]|\binject\(/

function needsServices(file: string): boolean {
  return file.startsWith('test/') || NEEDS_SERVICES.test(readFileSync(file, 'utf8'))
}

const files = ROOTS.flatMap(testFiles)
const unit = files.filter((f) => !needsServices(f))
const integration = files.filter(needsServices)

const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const }

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { ...shared, name: 'unit', include: unit } },
      {
        test: {
          ...shared,
          name: 'integration',
          include: integration,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
})
