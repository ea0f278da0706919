// zod compiles object parsers with `new Function` unless told not to, and probes for it when a
// schema is made; our CSP forbids eval, so the probe alone is a reported violation. zod reads its
// config from this global (`globalConfig` of zod/v4/core, what `z.config()` writes), so setting it
// before any zod module runs makes every schema jitless, in whichever lazy chunk zod arrives.
// web/src/index.tsx imports this first.

const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
scope.__zod_globalConfig = Object.assign(scope.__zod_globalConfig ?? {}, { jitless: true })
