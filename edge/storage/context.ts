import type { Caller } from './caller.ts'

/** Hono env of the storage app: who is asking (set for every route by the app's middleware). */
export type StorageEnv = { Variables: { caller: Caller } }
