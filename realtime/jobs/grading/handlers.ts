// The work of each grading job kind (issue 16), as the realtime server's queue runs it (queue.ts,
// mounted in realtime/app.ts, which loads this module only where the queue runs).
import { createOcrHandler, storageReaderFromEnv } from './ocr.ts'
import { ocrEngine, stopOcrEngine } from './ocr-engine.ts'
import { similarityHandler } from './similarity.ts'
import { createSuggestHandler } from './suggest.ts'
import type { GradingHandler, GradingJobKind } from './types.ts'

/**
 * The handlers configured from `env`: SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY (OCR reads the
 * scripts through the Storage API), AI_KEYS_SECRET and GEMINI_* (AI suggestions; see suggest.ts).
 */
export function createGradingHandlers(
  env: Record<string, string | undefined> = process.env,
): Record<GradingJobKind, GradingHandler> {
  return {
    ocr: createOcrHandler({ objects: () => storageReaderFromEnv(env), engine: ocrEngine }),
    suggest: createSuggestHandler({ env }),
    similarity: similarityHandler,
  }
}

/** Frees what the handlers hold beyond a job (the OCR engine's worker thread). */
export const stopGradingHandlers = (): Promise<void> => stopOcrEngine()
