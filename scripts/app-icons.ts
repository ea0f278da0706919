// Draws the installable app's PNG icons (web/public/icon-*.png, named in manifest.webmanifest)
// from the logo, web/public/favicon.svg, with headless Chromium: there is no image library in
// the project. Run again after the logo changes: `npx tsx scripts/app-icons.ts`.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'

const publicDir = path.join(import.meta.dirname, '..', 'web', 'public')
const logo = readFileSync(path.join(publicDir, 'favicon.svg'), 'utf8')
/** The logo's background (its rounded square), filling the whole of a maskable icon. */
const BRAND = '#0f665c'

interface Icon {
  file: string
  size: number
  /** Maskable: a full-bleed square with the logo inside the safe zone (the middle 80% circle). */
  maskable: boolean
}

const ICONS: Icon[] = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
]

function page(icon: Icon): string {
  // At 70% the logo's outermost point (the dot) stays well inside the safe circle.
  const inner = icon.maskable ? Math.round(icon.size * 0.7) : icon.size
  const background = icon.maskable ? BRAND : 'transparent'
  return `<!doctype html><style>html,body{margin:0;background:${background}}
    body{width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center}
    svg{width:${inner}px;height:${inner}px;display:block}</style>${logo}`
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
try {
  for (const icon of ICONS) {
    const tab = await browser.newPage({ viewport: { width: icon.size, height: icon.size } })
    await tab.setContent(page(icon))
    // "any" icons keep the logo's transparent corners; maskable ones are opaque to the edge.
    await tab.screenshot({ path: path.join(publicDir, icon.file), omitBackground: !icon.maskable })
    await tab.close()
    console.log(`web/public/${icon.file}`)
  }
} finally {
  await browser.close()
}
