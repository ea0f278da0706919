import { execSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { userInfo } from 'node:os'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
) as string[]
const INSTALL = 'apt-get update && apt-get install -y chromium'

/**
 * Finds Debian's Chromium for the end-to-end tests; as root with apt it installs it, otherwise it
 * says exactly what to run. (Playwright's own browser download does not work offline.)
 */
export function ensureChromium():
  | { ok: true; path: string }
  | { ok: false; message: string; path?: undefined } {
  const found = CANDIDATES.find((p) => existsSync(p))
  if (found) return { ok: true, path: found }
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0
  if (userInfo().uid === 0 && hasApt) {
    console.log(`Chromium is missing; installing Debian's package: ${INSTALL}`)
    execSync(INSTALL, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (existsSync('/usr/bin/chromium')) return { ok: true, path: '/usr/bin/chromium' }
  }
  return {
    ok: false,
    message: `Chromium is needed for the end-to-end tests and was not found.\nInstall it with:\n  sudo ${INSTALL}\nor point CHROMIUM_PATH at a Chromium binary.`,
  }
}
