import type { OpenAPIHono } from '@hono/zod-openapi'

/** The OpenAPI 3.1 document as @hono/zod-openapi generates it. */
export type OpenApiDoc = ReturnType<OpenAPIHono['getOpenAPI31Document']>

// Loose views of the parts of the document the page renders.
interface Operation {
  summary?: string
  description?: string
  tags?: string[]
  security?: unknown[]
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[]
  requestBody?: { content?: Record<string, { schema?: unknown }> }
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** A schema as indented JSON, with `$ref`s linked to the components section. */
function schemaHtml(schema: unknown): string {
  if (schema === undefined) return ''
  const html = escapeHtml(JSON.stringify(schema, null, 2)).replace(
    /&#34;#\/components\/schemas\/([\w.-]+)&#34;/g,
    (_, name: string) => `<a href="#schema-${name}">${name}</a>`,
  )
  return `<pre>${html}</pre>`
}

function operationHtml(method: string, path: string, op: Operation): string {
  const anchor = `${method}-${path.replace(/[^\w]+/g, '-')}`
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td>` +
        `<td>${escapeHtml(p.description ?? '')}</td><td>${schemaHtml(p.schema)}</td></tr>`,
    )
    .join('')
  const body = op.requestBody?.content?.['application/json']?.schema
  const responses = Object.entries(op.responses ?? {})
    .map(
      ([status, r]) =>
        `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(r.description ?? '')}` +
        `${schemaHtml(r.content?.['application/json']?.schema)}</li>`,
    )
    .join('')
  return `<section class="op" id="${anchor}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${op.security?.length ? ' <span class="lock">bearer token</span>' : ''}</h3>
<p>${escapeHtml(op.summary ?? '')}</p>${op.description ? `<p class="d">${escapeHtml(op.description)}</p>` : ''}
${params ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>description</th><th>schema</th></tr>${params}</table>` : ''}
${body ? `<h4>Request body (application/json)</h4>${schemaHtml(body)}` : ''}
<h4>Responses</h4><ul>${responses}</ul></section>`
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1c1917}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f4;padding:.5rem;overflow:auto;border-radius:4px}
.op{border-top:1px solid #d6d3d1;padding:.5rem 0}.m{display:inline-block;min-width:4.5rem;font-weight:700}
.get{color:#047857}.post{color:#1d4ed8}.patch{color:#b45309}.delete{color:#b91c1c}
.lock{font-size:12px;color:#57534e;border:1px solid #d6d3d1;border-radius:4px;padding:0 4px}
table{border-collapse:collapse}td,th{border:1px solid #e7e5e4;padding:2px 6px;vertical-align:top;text-align:left}`

/** A self-contained HTML page documenting every operation (no scripts, no network); `nonce` for the style. */
export function renderDocsHtml(doc: OpenApiDoc, nonce: string): string {
  const ops: string[] = []
  const toc: string[] = []
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method]
      if (!op) continue
      ops.push(operationHtml(method, path, op))
      toc.push(
        `<li><a href="#${method}-${path.replace(/[^\w]+/g, '-')}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></a> ${escapeHtml(op.summary ?? '')}</li>`,
      )
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, s]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${schemaHtml(s)}</section>`,
    )
    .join('\n')
  const server = doc.servers?.[0]?.url ?? ''
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(doc.info.title)}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p>
<p>Base URL: <code>${escapeHtml(server)}</code> · machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)})</p>
<h2>Operations</h2><ul>${toc.join('')}</ul>
${ops.join('\n')}
<h2>Schemas</h2>
${schemas}
</body></html>`
}
