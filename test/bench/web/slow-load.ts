// The student home over a slow mobile link (400 kbps both ways, 400 ms round trip; Chromium's own
// network emulation): a cold load (empty cache, no service worker, signed in), then a reload once
// the service worker has taken the app in.
import type { Page } from '@playwright/test'
import type { BenchBrowser } from './browser.ts'

export const LINK = { kbps: 400, rttMs: 400 }

export interface SlowLoadFigures {
  coldMs: number
  warmMs: number
  /** Bytes received over the network in the cold load. */
  coldBytes: number
}

/**
 * Until the page shows its content: a heading in <main> and no loading placeholder left (or the
 * page's error, which would be a failure of its own, not a slow load).
 */
async function shown(page: Page, started: number): Promise<number> {
  await page.waitForFunction(
    () => !!document.querySelector('main h1') && !document.querySelector('main .animate-pulse'),
    undefined,
    { timeout: 120_000, polling: 50 },
  )
  return Date.now() - started
}

export async function slowLoad(browser: BenchBrowser, url: string): Promise<SlowLoadFigures> {
  await browser.forget(new URL(url).origin)
  const page = await browser.context.newPage()
  const cdp = await browser.context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LINK.rttMs,
    downloadThroughput: (LINK.kbps * 1000) / 8,
    uploadThroughput: (LINK.kbps * 1000) / 8,
  })
  let coldBytes = 0
  cdp.on('Network.loadingFinished', (e) => {
    coldBytes += e.encodedDataLength
  })
  let started = Date.now()
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 })
  const coldMs = await shown(page, started)
  const received = coldBytes
  // The worker installs (and precaches) in the background; once it is active a reload is warm.
  await page.evaluate(async () => {
    await navigator.serviceWorker?.ready
  })
  started = Date.now()
  await page.reload({ waitUntil: 'commit', timeout: 120_000 })
  const warmMs = await shown(page, started)
  await page.close()
  return { coldMs, warmMs, coldBytes: received }
}
