import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { routes } from '../../../edge/contract/routes/index.ts'
import type { Route } from '../../../edge/contract/routes/route.ts'
import { keyOf } from './endpoints.ts'

// edge/contract/routes/families.ts says which route module (family) holds each route, so that the
// answer checker loads only that module. It is written from index.ts by this test: when a module
// or a route is added there, the test fails with the difference, and `-u` writes the file again.

const ROUTES = path.resolve(import.meta.dirname, '../../../edge/contract/routes')
const LINE = 110 // biome's line width: the file is written as `biome format` would leave it

/** A route module of index.ts: its name there (`assessmentsJobs`), its file, its routes. */
interface Family {
  name: string
  file: string
  routes: Route[]
}

/** The modules index.ts imports (`import * as assessmentsJobs from './assessments-jobs.ts'`), loaded. */
async function familiesOfIndex(): Promise<Family[]> {
  const source = readFileSync(path.join(ROUTES, 'index.ts'), 'utf8')
  const imports = [...source.matchAll(/^import \* as (\w+) from '\.\/([\w.-]+\.ts)'/gm)]
  const families = await Promise.all(
    imports.map(async ([, name, file]) => {
      const module: Record<string, unknown> = await import(path.join(ROUTES, file))
      const own = Object.values(module).filter(
        (value): value is Route => typeof value === 'object' && !!value && 'method' in value,
      )
      return { name, file, routes: own }
    }),
  )
  return families.sort((a, b) => a.name.localeCompare(b.name))
}

/** The keys of a family's routes as a property, one line when it fits (as biome writes arrays). */
function keysProperty(keys: string[]): string {
  const quoted = keys.map((key) => `'${key}'`)
  const oneLine = `    routes: [${quoted.join(', ')}],`
  if (oneLine.length <= LINE) return oneLine
  return ['    routes: [', ...quoted.map((key) => `      ${key},`), '    ],'].join('\n')
}

/** The text of families.ts for these families. */
function familiesSource(families: Family[]): string {
  const entries = families.map((family) =>
    [
      `  ${family.name}: {`,
      `    load: () => import('./${family.file}'),`,
      keysProperty(family.routes.map(keyOf).sort()),
      '  },',
    ].join('\n'),
  )
  return `// Written by web/src/api/families.test.ts from index.ts: do not edit. After a change to index.ts (a route
// module or a route added, moved or removed), that test fails with the difference, and
// \`npx vitest run --project unit web/src/api/families.test.ts -u\` writes this file again.
//
// Which module (family) of index.ts holds each route, by method and path shape, without any schema:
// the web app's answer checker (web/src/api/endpoints.ts, routeAt) loads only the module of the
// route it checks, so it does not grow with the number of features.

/** Each route module: how to load it, and the \`<method> <path shape>\` of its routes. */
export const families = {
${entries.join('\n')}
}

export type Family = keyof typeof families
`
}

describe('route families (edge/contract/routes/families.ts)', () => {
  it("has every route of index.ts's table in one module, each shape once", async () => {
    const families = await familiesOfIndex()
    const table = new Set(Object.values(routes) as Route[])
    const found = families.flatMap((family) => family.routes)
    // A module index.ts imports in another way would leave its routes out: they must all be found.
    expect(found.filter((route) => !table.has(route)).map(keyOf)).toEqual([])
    expect([...table].filter((route) => !found.includes(route)).map(keyOf)).toEqual([])
    expect(found.length).toBe(table.size)
    const keys = found.map(keyOf)
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([])
  })

  it('is the file written from index.ts', async () => {
    const source = familiesSource(await familiesOfIndex())
    await expect(source).toMatchFileSnapshot(path.join(ROUTES, 'families.ts'))
  })
})
