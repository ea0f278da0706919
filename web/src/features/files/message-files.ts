import {
  MAX_ATTACHMENTS,
  MESSAGE_FILE_BYTES,
  MESSAGE_FILE_TYPES,
} from '../../../../edge/contract/files-values.ts'
import type { AttachmentRules } from './attachment-draft.ts'
import type { Bucket } from './storage.ts'

/** What a message's files may be, and where they go (`<school>/<ticket or session>`). */
export const messageFiles = (bucket: Bucket, folder: string): AttachmentRules => ({
  bucket,
  folder,
  max: MAX_ATTACHMENTS,
  maxBytes: MESSAGE_FILE_BYTES,
  accept: MESSAGE_FILE_TYPES,
})
