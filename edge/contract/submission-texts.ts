import { z } from 'zod'

// The text of scanned or photographed scripts (issue 16): each JPEG, PNG or WebP file of a
// submission is read by OCR in the background (the grading job `ocr`); the course's teachers see the
// text beside the image and correct it. Students do not see it (it is a grading aid).

/** The longest correction of one page: 50 000 characters (as long as a typed submission). */
export const SCRIPT_TEXT_MAX = 50_000

/** One image file of a submission and what OCR made of it (all null until it has been read). */
export const ScriptText = z.object({
  /** assignment-files/<school>/<assignment>/<student>/<file>, as in the submission's files. */
  path: z.string(),
  name: z.string(),
  type: z.string(),
  /** The OCR text ('' when it could not be read: see `error`); null while not read yet. */
  text: z.string().nullable(),
  /** Tesseract's mean word confidence, 0–100. */
  confidence: z.number().int().min(0).max(100).nullable(),
  /** Why the file could not be read (not an image OCR reads, too large, gone from storage). */
  error: z.string().nullable(),
  corrected_text: z.string().nullable(),
  corrected_by_name: z.string().nullable(),
  corrected_at: z.iso.datetime({ offset: true }).nullable(),
  /** False when the stored photo was replaced after this text was read (a new read is queued). */
  current: z.boolean(),
})
export type ScriptText = z.infer<typeof ScriptText>

/** The latest OCR job of the submission, if any. */
export const ScriptTextJob = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int().min(0).max(100),
  error: z.string().nullable(),
})

export const ScriptTexts = z.object({
  submission_id: z.uuid(),
  files: z.array(ScriptText),
  job: ScriptTextJob.nullable(),
})
export type ScriptTexts = z.infer<typeof ScriptTexts>

/** A teacher's correction of one file's text; null or blank goes back to the OCR text. */
export const ScriptTextCorrection = z.object({
  path: z.string().min(1).max(1100),
  corrected_text: z.string().max(SCRIPT_TEXT_MAX).nullable(),
})
export type ScriptTextCorrection = z.infer<typeof ScriptTextCorrection>
