import { z } from 'zod'

/** A file of a message (ticket reply, session chat line) as stored: its storage path, a name to show, size and type. */
export const Attachment = z.object({
  path: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  type: z.string(),
})
export type Attachment = z.infer<typeof Attachment>

export { MAX_ATTACHMENTS } from './files-values.ts'
