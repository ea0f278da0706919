// Points every `lucide-solid/icons/<name>` import of the web app at web/src/ui/icon.ts's cheap
// component, fed with the drawing lucide ships beside its own (`__iconData`). Imports, types and
// the SVG stay lucide's; only the component that draws it changes (see icon.ts for why).
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const ICON = /^lucide-solid\/icons\/([a-z0-9-]+)$/
const PREFIX = '\0kipindi-icon:'
const RUNTIME = fileURLToPath(new URL('../../web/src/ui/icon.ts', import.meta.url))

export function lightIcons(): Plugin {
  return {
    name: 'kipindi:light-icons',
    enforce: 'pre',
    async resolveId(id, importer) {
      const name = ICON.exec(id)?.[1]
      if (!name || importer?.startsWith(PREFIX)) return null
      // lucide's own module for this icon must exist: a typo stays a build error.
      const original = await this.resolve(id, importer, { skipSelf: true })
      if (!original) return null
      return `${PREFIX}${name}`
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null
      const name = id.slice(PREFIX.length)
      return [
        `import { __iconData } from 'lucide-solid/icons/${name}'`,
        `import { lightIcon } from ${JSON.stringify(RUNTIME)}`,
        'export default lightIcon(__iconData)',
      ].join('\n')
    },
  }
}
