// Bytes as base64 text between Postgres and JavaScript. postgres.js decodes a bytea from hex on the
// event loop, which for a multi-megabyte draft blocks it for ~100 ms; `encode(x, 'base64')` in the
// query and a native base64 decoder here take a fraction of that. Web-standard where the runtime
// has it (`Uint8Array.fromBase64`/`toBase64`: Deno, recent V8), else the runtime's `Buffer` (Node
// 20), else `atob`/`btoa`. No `node:` import: this runs under Deno too.

interface NativeBase64 {
  fromBase64?(text: string): Uint8Array
}
interface NodeBuffer {
  from(text: string, encoding: 'base64'): Uint8Array
  from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string }
}

const native = Uint8Array as unknown as NativeBase64
const nodeBuffer = (globalThis as unknown as { Buffer?: NodeBuffer }).Buffer
const nativeEncode = (Uint8Array.prototype as unknown as { toBase64?: () => string }).toBase64

/** Decodes base64 (Postgres' `encode(…, 'base64')` breaks lines every 76 characters: ignored). */
export function fromBase64(text: string): Uint8Array {
  if (native.fromBase64) return native.fromBase64(text)
  if (nodeBuffer) return nodeBuffer.from(text, 'base64')
  const binary = atob(text.replace(/\s/g, ''))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Encodes bytes as base64 (for `decode(…, 'base64')` in a query). */
export function toBase64(bytes: Uint8Array): string {
  if (nativeEncode) return nativeEncode.call(bytes)
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
