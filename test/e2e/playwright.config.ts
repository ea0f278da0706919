import path from 'node:path'
import { defineConfig } from '@playwright/test'
import { CHROMIUM_FLAGS } from '../support/chromium.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const PORT = Number(process.env.E2E_PORT ?? 3199)
const baseURL = `http://localhost:${PORT}`
// E2E_PORT and E2E_DATA_DIR let two runs share a machine (each needs its own port and data).
const DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(ROOT, '.data-e2e')

export const CHROMIUM_ARGS = [
  ...CHROMIUM_FLAGS,
  '--disable-quic',
  // A fake camera and microphone, allowed without a prompt (the video room spec; others never ask).
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
]

/** Specs that change the seeded people's roles while they run. */
const ROLE_CHANGES = /live-updates\.spec\.ts/

export default defineConfig({
  testDir: '.',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Per port: every run empties its output folder, so two runs on one machine keep theirs apart.
  outputDir: path.join(ROOT, PORT === 3199 ? 'test-results/e2e' : `test-results/e2e-${PORT}`),
  reporter: [['list']],
  use: {
    baseURL,
    // A step that waits past these names itself in the failure (not only "test timeout exceeded").
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts/,
      testIgnore: ROLE_CHANGES,
      dependencies: ['setup'],
    },
    // Changes a demo student's role for a while (and back): run once every other journey, which
    // uses that student as a student, is over.
    { name: 'role-changes', testMatch: ROLE_CHANGES, dependencies: ['chromium'] },
  ],
  webServer: {
    // A fresh database each run; the launcher prints progress while it starts.
    command: 'node_modules/.bin/tsx scripts/reset.ts --yes && node_modules/.bin/tsx scripts/start.ts',
    cwd: ROOT,
    url: `${baseURL}/functions/v1/api/health`,
    env: {
      PORT: String(PORT),
      KIPINDI_DATA_DIR: DATA_DIR,
      AUTH_RATE_LIMIT_PER_EMAIL: '100',
    },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
})
