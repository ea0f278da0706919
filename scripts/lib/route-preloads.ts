// Which scripts each page of the web app needs beyond the entry, so that the gateway can name them in
// the index.html it sends for that URL (`<link rel="modulepreload">`): the browser then fetches the
// page's code beside the entry instead of after it has run. Written at build time by a Vite plugin
// from web/src/routes.ts (its paths and the modules it imports lazily) and the bundle's chunks.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseAst } from 'rolldown/parseAst'
import type { Plugin } from 'vite'
import { ROUTE_PRELOADS_FILE, type RoutePreload } from './index-html.ts'

/** The lazily imported modules (`import('./…')`) a route object names, as paths relative to routes.ts. */
type RouteNode = { path: string; modules: string[]; children?: RouteNode[] }

// biome-ignore lint/suspicious/noExplicitAny: an ESTree node from the bundler's parser
type Node = any

function propertyOf(object: Node, name: string): Node | undefined {
  return object.properties?.find((p: Node) => p.type === 'Property' && p.key?.name === name)?.value
}

/** Every `import('<literal>')` under a node. */
function dynamicImports(node: Node, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out
  if (node.type === 'ImportExpression' && typeof node.source?.value === 'string') out.push(node.source.value)
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const v of value) dynamicImports(v, out)
    else if (value && typeof value === 'object') dynamicImports(value, out)
  }
  return out
}

function routeNodes(array: Node): RouteNode[] {
  return (array?.elements ?? [])
    .filter((e: Node) => e?.type === 'ObjectExpression')
    .map((object: Node) => {
      const children = propertyOf(object, 'children')
      return {
        path: String(propertyOf(object, 'path')?.value ?? ''),
        modules: [
          ...dynamicImports(propertyOf(object, 'component')),
          ...dynamicImports(propertyOf(object, 'preload')),
        ],
        children: children ? routeNodes(children) : undefined,
      }
    })
}

/** The route table (`export const routes = [...]`) of routes.ts's syntax tree. */
export function routeTree(program: Node): RouteNode[] {
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
    for (const d of declaration?.declarations ?? []) {
      if (d.id?.name === 'routes' && d.init?.type === 'ArrayExpression') return routeNodes(d.init)
    }
  }
  throw new Error('routes.ts has no `routes` array.')
}

const join = (a: string, b: string) =>
  `${a.replace(/\/$/, '')}/${b.replace(/^\//, '')}`.replace(/\/$/, '') || '/'

/** The leaves of the tree (the pages), each with its full path and its ancestors' modules too. */
export function flattenRoutes(nodes: RouteNode[], parent = { path: '', modules: [] as string[] }) {
  const out: { path: string; modules: string[] }[] = []
  for (const node of nodes) {
    const here = { path: join(parent.path, node.path), modules: [...parent.modules, ...node.modules] }
    if (node.children) out.push(...flattenRoutes(node.children, here))
    else out.push(here)
  }
  return out
}

interface Chunk {
  type: 'chunk'
  fileName: string
  imports: string[]
  isEntry: boolean
  facadeModuleId: string | null
}

/** A chunk's file and every file it imports statically. */
function closure(chunks: Map<string, Chunk>, fileName: string, seen = new Set<string>()): Set<string> {
  if (seen.has(fileName)) return seen
  seen.add(fileName)
  for (const f of chunks.get(fileName)?.imports ?? []) closure(chunks, f, seen)
  return seen
}

/** Vite plugin: writes `route-preloads.json` (RoutePreload[]) next to index.html. */
export function routePreloads(routesFile: string): Plugin {
  return {
    name: 'kipindi:route-preloads',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = new Map(
        Object.values(bundle)
          .filter((c): c is typeof c & Chunk => c.type === 'chunk')
          .map((c) => [c.fileName, c as unknown as Chunk]),
      )
      const entry = [...chunks.values()].find(
        (c) => c.isEntry && /[\\/]index\.(html|tsx)$/.test(c.facadeModuleId ?? ''),
      )
      if (!entry) throw new Error('route-preloads: the build has no index.tsx entry.')
      const inEntry = closure(chunks, entry.fileName)
      const byModule = new Map([...chunks.values()].map((c) => [c.facadeModuleId?.replaceAll('\\', '/'), c]))
      const dir = path.dirname(routesFile)
      const pages = flattenRoutes(routeTree(parseAst(readFileSync(routesFile, 'utf8'), { lang: 'ts' })))
      const preloads: RoutePreload[] = pages
        .filter((page) => !page.path.includes('*'))
        .map((page) => {
          const files = new Set<string>()
          for (const spec of page.modules) {
            const chunk = byModule.get(path.resolve(dir, spec).replaceAll('\\', '/'))
            if (!chunk) throw new Error(`route-preloads: no chunk for ${spec} (routes.ts).`)
            for (const f of closure(chunks, chunk.fileName)) if (!inEntry.has(f)) files.add(`/${f}`)
          }
          return { path: page.path, files: [...files] }
        })
      this.emitFile({ type: 'asset', fileName: ROUTE_PRELOADS_FILE, source: JSON.stringify(preloads) })
    },
  }
}
