import { execSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { userInfo } from 'node:os'

/** A Debian package the tests use for real, and where its binary is. */
interface SystemDep {
  pkg: string
  candidates: string[]
}

const DEPS: SystemDep[] = [
  {
    pkg: 'chromium',
    candidates: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
      Boolean,
    ) as string[],
  },
  {
    pkg: 'redis-server',
    candidates: [process.env.REDIS_SERVER_PATH, '/usr/bin/redis-server'].filter(Boolean) as string[],
  },
]

const found = (dep: SystemDep) => dep.candidates.find((p) => existsSync(p))

/**
 * Finds Debian's Chromium (end-to-end tests) and redis-server (realtime scale-out tests). As root
 * with apt it installs what is missing; otherwise it says exactly what to run. Playwright's own
 * browser download does not work offline, so we use the distribution's.
 */
export function ensureSystemDeps(): { ok: true; chromium: string } | { ok: false; message: string } {
  const missing = DEPS.filter((d) => !found(d))
  if (missing.length) {
    const install = `apt-get update && apt-get install -y ${missing.map((d) => d.pkg).join(' ')}`
    const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0
    if (userInfo().uid !== 0 || !hasApt) {
      return {
        ok: false,
        message: `The tests need ${missing.map((d) => d.pkg).join(' and ')}, not found on this machine.\nInstall with:\n  sudo ${install}`,
      }
    }
    console.log(`Installing what the tests need: ${install}`)
    execSync(install, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    const still = DEPS.filter((d) => !found(d))
    if (still.length)
      return { ok: false, message: `Could not install ${still.map((d) => d.pkg).join(', ')}.` }
  }
  return { ok: true, chromium: found(DEPS[0])! }
}
