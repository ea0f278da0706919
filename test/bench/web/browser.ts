// One Chromium for the whole run, shared by Playwright (to sign in, to emulate a slow network) and
// Lighthouse (through the same remote debugging port), so that Lighthouse's tab finds the session.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium } from '@playwright/test'
import { CHROMIUM_FLAGS } from '../../support/chromium.ts'
import { DEMO_PASSWORD } from './setup.ts'

export interface BenchBrowser {
  port: number
  context: BrowserContext
  signIn(origin: string, email: string): Promise<void>
  signOut(origin: string): Promise<void>
  /** Empties the HTTP cache, service workers, Cache Storage and IndexedDB; the session stays. */
  forget(origin: string): Promise<void>
  close(): Promise<void>
}

async function connect(port: number): Promise<Browser> {
  for (let i = 0; ; i++) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${port}`)
    } catch (error) {
      if (i > 50) throw error
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}

/**
 * Fails when something listens on the debugging port already: a Chromium left by an interrupted
 * run would otherwise answer instead of ours, and Lighthouse would measure the wrong browser.
 */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', () =>
      reject(new Error(`Port ${port} is in use (a Chromium of an interrupted run?): stop it and run again.`)),
    )
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
  })
}

export async function launchBrowser(executable: string, port: number): Promise<BenchBrowser> {
  await assertPortFree(port)
  const profile = mkdtempSync(path.join(tmpdir(), 'kipindi-bench-chromium-'))
  const child: ChildProcess = spawn(
    executable,
    [
      ...CHROMIUM_FLAGS,
      // The stack's HTTPS origin uses the test certificate for localhost (test/fixtures/tls).
      '--ignore-certificate-errors',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  )
  // Interrupted (Ctrl-C, a timeout's SIGTERM): exit, and take the browser (and the stack) down too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
  process.once('exit', () => child.kill())
  const browser = await connect(port)
  const context = browser.contexts()[0]

  async function forget(origin: string, also = '') {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.clearBrowserCache')
    await cdp.send('Storage.clearDataForOrigin', {
      origin,
      storageTypes: `service_workers,cache_storage,indexeddb${also}`,
    })
    await page.close()
  }

  return {
    port,
    context,
    async signIn(origin, email) {
      const page = await context.newPage()
      await page.goto(`${origin}/signin`)
      await page.getByLabel('Email', { exact: true }).fill(email)
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 })
      await page.close()
    },
    signOut: (origin) => forget(origin, ',local_storage'),
    forget: (origin) => forget(origin),
    async close() {
      await browser.close().catch(() => {})
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
