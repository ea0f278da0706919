// Reading back the PDFs we make (certificates, report exports) in tests, without a PDF library.

/**
 * The page's drawn text: pdf-lib writes each string as WinAnsi hex inside deflated content streams.
 * A stream's bytes are taken by its dictionary's /Length, never by looking for `endstream`: deflated
 * bytes may end in a carriage return, which a pattern would take for the line break before it.
 */
export async function drawnText(bytes: Uint8Array): Promise<string> {
  const raw = new TextDecoder('latin1').decode(bytes)
  const parts: string[] = []
  for (const m of raw.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length
    const data = bytes.slice(start, start + Number(m[1]))
    const inflated = new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate')))
    const content = await inflated.text().catch(() => '')
    for (const hex of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
      parts.push(
        (hex[1]?.match(/../g) ?? []).map((h) => String.fromCharCode(Number.parseInt(h, 16))).join(''),
      )
    }
  }
  return parts.join('\n')
}
