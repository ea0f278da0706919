// Bucket ids and object names are user input that ends up in SQL parameters, URLs and (for
// buckets) directory names on disk. Object names never reach the filesystem (bytes are kept under
// the bucket by version id), but a name like `../x` or `a//b` would still confuse everyone who
// reads a path, so both are checked here, once, before anything else happens.

/** Supabase Storage's own limits: bucket ids of up to 100 characters, object keys of up to 1024 bytes. */
export const MAX_BUCKET_ID = 100
export const MAX_OBJECT_NAME_BYTES = 1024

const BUCKET_ID = /^[a-z0-9][a-z0-9._-]*$/i
// Supabase Storage's accepted key characters (word characters and a few punctuation marks), plus
// the letters of any script: names of Kiswahili and English files, never control characters.
const KEY_CHARS = /^[\p{L}\p{N}_/!\-.*'() &$@=;:+,?]*$/u

/** Why a bucket id is refused, or null when it is fine. */
export function bucketIdProblem(id: string): string | null {
  if (id.length === 0 || id.length > MAX_BUCKET_ID) return `A bucket id has 1 to ${MAX_BUCKET_ID} characters.`
  if (!BUCKET_ID.test(id) || /^\.+$/.test(id)) {
    return 'A bucket id uses letters, digits, dots, dashes and underscores, starting with a letter or digit.'
  }
  return null
}

/** Why an object name is refused, or null when it is fine. */
export function objectNameProblem(name: string): string | null {
  if (name.length === 0) return 'The object name is empty.'
  if (new TextEncoder().encode(name).length > MAX_OBJECT_NAME_BYTES) {
    return `An object name has at most ${MAX_OBJECT_NAME_BYTES} bytes.`
  }
  if (!KEY_CHARS.test(name)) return 'The object name has characters that are not allowed.'
  if (name.startsWith('/') || name.endsWith('/')) return 'An object name neither starts nor ends with "/".'
  for (const segment of name.split('/')) {
    if (segment === '') return 'An object name has no empty folder ("//").'
    if (segment === '.' || segment === '..') return 'An object name has no "." or ".." folder.'
  }
  return null
}

/**
 * True when a raw request path has a `.` or `..` segment, literal or percent-encoded. URL parsers
 * resolve them before any route sees the path (so `a/%2e%2e/b` would quietly become `b`): the host
 * refuses such requests while it still has the path as sent.
 */
export function hasDotSegment(rawPath: string): boolean {
  const path = rawPath.split('?')[0]
  return /(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path.replace(/%2f/gi, '/').replace(/%5c|\\/gi, '/'))
}
