// `npm run reset`: wipes the local data (database, keys) after asking, or at once with --yes.
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline/promises'
import { stopStaleServer } from './lib/embedded-db.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DATA_DIR = path.resolve(process.env.KIPINDI_DATA_DIR ?? path.join(ROOT, '.data'))

async function confirmed(): Promise<boolean> {
  if (process.argv.includes('--yes') || process.argv.includes('-y')) return true
  if (!process.stdin.isTTY) {
    console.error('Refusing to wipe data without confirmation. Run: npm run reset -- --yes')
    return false
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await rl.question(
    `This deletes all local Kipindi data in ${DATA_DIR} (database, keys). Continue? [y/N] `,
  )
  rl.close()
  return /^y(es)?$/i.test(answer.trim())
}

if (!existsSync(DATA_DIR)) {
  console.log(`Nothing to reset: ${DATA_DIR} does not exist.`)
} else if (await confirmed()) {
  await stopStaleServer(path.join(DATA_DIR, 'postgres'))
  rmSync(DATA_DIR, { recursive: true, force: true })
  console.log('Local data wiped. The next `npm start` creates a fresh database with the demo school.')
} else {
  console.log('Nothing was deleted.')
  process.exitCode = 1
}
