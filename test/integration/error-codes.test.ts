import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TUTORING_RULES } from '../../edge/api/tutoring/access.ts'
import { isErrorCode } from '../../edge/contract/error-codes.ts'

// The database raises some errors with a code in `hint` (edge/lib/errors.ts makes it the answer's
// code): each must be in edge/contract/error-codes.ts, which the web catalogue translates
// (web/src/api/messages.test.ts). The tutoring rules name a field instead; access.ts maps those.

const MIGRATIONS = path.resolve(import.meta.dirname, '../../supabase/migrations')

function hints(): { file: string; hint: string }[] {
  return readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .flatMap((file) =>
      [...readFileSync(path.join(MIGRATIONS, file), 'utf8').matchAll(/\bhint\s*=\s*'([^']+)'/g)].map((m) => ({
        file,
        hint: m[1],
      })),
    )
}

describe('database error hints', () => {
  it('are found', () => {
    expect(hints().length).toBeGreaterThan(10)
  })

  it('are error codes the web translates, or tutoring fields with a code of their own', () => {
    const unknown = hints().filter(({ hint }) => !isErrorCode(hint) && !(hint in TUTORING_RULES))
    expect(unknown).toEqual([])
    for (const code of Object.values(TUTORING_RULES)) expect(isErrorCode(code)).toBe(true)
  })
})
