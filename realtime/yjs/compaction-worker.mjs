// The compaction worker thread's entry (compactor.ts starts it; the work is in compaction-job.ts).
// On Node 20 a worker thread does not get the TypeScript loader of the process that starts it
// (tsx's `--import` hooks do not reach threads, whether the process runs under tsx, vitest or
// `node --import tsx`), so the thread registers tsx's loader itself, then runs the typed module.
import { register } from 'tsx/esm/api'

register()
await import('./compaction-job.ts')
