import { ATTACHMENT_TYPES, SUPPORT_LIMITS } from '../../../../edge/contract/support-values.ts'
import type { AttachmentRules } from '../files/attachment-draft.ts'

/** Where a ticket's files go and what it takes (the ticket-attachments bucket's rules). */
export const attachRules = (ticket: { id: string; tenant_id: string }): AttachmentRules => ({
  bucket: 'ticket-attachments',
  folder: `${ticket.tenant_id}/${ticket.id}`,
  max: SUPPORT_LIMITS.attachments,
  maxBytes: SUPPORT_LIMITS.attachmentBytes,
  accept: ATTACHMENT_TYPES,
})
