// Plain values about files (no zod: the web app reads them on pages that load no schemas).

/** Files one message (a ticket reply, a room chat line) carries at most. */
export const MAX_ATTACHMENTS = 5

/** What a message takes: the ticket-attachments and session-files buckets' types and size limit. */
export const MESSAGE_FILE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
]
export const MESSAGE_FILE_BYTES = 10 * 1024 * 1024
