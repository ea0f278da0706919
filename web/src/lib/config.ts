/**
 * What the web app needs to know at run time: inline in index.html when the gateway served it (the
 * `#kipindi-config` JSON block, RUNTIME_CONFIG_ELEMENT_ID), else fetched from /config.json.
 */
export interface RuntimeConfig {
  /** Base URL of Supabase (auth at /auth/v1, functions at /functions/v1); this origin in local mode. */
  supabaseUrl: string
  /** Public anon key, sent as `apikey`. */
  anonKey: string
  /** True when the local stack keeps sent emails in a mailbox the app can show (/mailbox). */
  localMailbox: boolean
}

/** Build-time fallback for hosted builds that have no /config.json. */
export interface BuildEnv {
  VITE_SUPABASE_URL?: string
  VITE_SUPABASE_ANON_KEY?: string
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0

/**
 * The runtime config from the /config.json body when it has one, else from the build env;
 * throws a readable error when neither says where Supabase is.
 */
export function parseConfig(raw: unknown, env: BuildEnv, origin: string): RuntimeConfig {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
  const supabaseUrl = nonEmpty(body.supabaseUrl) ? body.supabaseUrl : env.VITE_SUPABASE_URL
  const anonKey = nonEmpty(body.anonKey) ? body.anonKey : env.VITE_SUPABASE_ANON_KEY
  if (!nonEmpty(supabaseUrl) || !nonEmpty(anonKey)) {
    throw new Error(
      'Kipindi could not find its configuration: /config.json is missing and the build has no VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY.',
    )
  }
  return {
    supabaseUrl: new URL(supabaseUrl, origin).toString().replace(/\/+$/, ''),
    anonKey,
    localMailbox: body.localMailbox === true,
  }
}

/** The config of the inline block's text, or undefined when there is none or it is not a usable config. */
export function inlineConfig(text: string | null | undefined, origin: string): RuntimeConfig | undefined {
  if (!text) return undefined
  try {
    const raw: unknown = JSON.parse(text)
    const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
    if (!nonEmpty(body.supabaseUrl) || !nonEmpty(body.anonKey)) return undefined
    return parseConfig(body, {}, origin)
  } catch {
    return undefined
  }
}

/**
 * The config inline in index.html (`inlineText`, the block's text) when it is usable; else fetches
 * /config.json (tolerating its absence on static hosts, e.g. the app served by another host) and
 * parses it.
 */
export async function loadConfig(
  fetchFn: typeof fetch,
  env: BuildEnv,
  origin: string,
  inlineText?: string | null,
): Promise<RuntimeConfig> {
  const inline = inlineConfig(inlineText, origin)
  if (inline) return inline
  let raw: unknown
  try {
    const res = await fetchFn('/config.json', { cache: 'no-store', headers: { accept: 'application/json' } })
    if (res.ok && (res.headers.get('content-type') ?? '').includes('json')) raw = await res.json()
  } catch {
    // Offline or no gateway: fall back to the build env below.
  }
  return parseConfig(raw, env, origin)
}
