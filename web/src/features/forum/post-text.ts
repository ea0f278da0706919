import type { FieldErrors } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

// The forum's text rules as the contract states them (edge/contract/forum.ts), checked in the page
// with translated words and no zod: a title of 1 to 200 characters, a post of 1 to 10,000.

const t = translator(messages)

export const TITLE_MAX = 200
export const BODY_MAX = 10000

/** Field errors of a post (and its title, when it has one); none when both are fine. */
export function postErrors(values: { title?: string; body: string }): FieldErrors {
  const errors: FieldErrors = {}
  if (values.title !== undefined) {
    const title = values.title.trim()
    if (!title) errors.title = t('compose.needTitle')
    else if (title.length > TITLE_MAX) errors.title = t('compose.tooLong', { max: TITLE_MAX })
  }
  const body = values.body.trim()
  if (!body) errors.body = t('compose.needBody')
  else if (body.length > BODY_MAX) errors.body = t('compose.tooLong', { max: BODY_MAX })
  return errors
}
