// Reading back the PDFs we make (certificates, report exports) in tests, without a PDF library.

/** The page's drawn text: pdf-lib writes each string as WinAnsi hex inside deflated content streams. */
export async function drawnText(bytes: Uint8Array): Promise<string> {
  const raw = new TextDecoder('latin1').decode(bytes)
  const parts: string[] = []
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const data = Uint8Array.from(m[1] ?? '', (c) => c.charCodeAt(0))
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
