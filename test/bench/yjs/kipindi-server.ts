// Our realtime server for the benchmark: `realtime/main.ts` exactly as deployed, plus a way for the
// bench to read its memory after a full collection (run with --expose-gc and an IPC channel).
import '../../../realtime/main.ts'
import { answerMemoryProbe } from './memory-probe.ts'

answerMemoryProbe()
