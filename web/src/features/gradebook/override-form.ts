import type { OverrideBody } from '../../../../edge/contract/gradebook.ts'
import { checked, type FieldErrors, type Validated } from '../../lib/forms.ts'

// The override dialog without the page: the percentage as people type it ("85", "85.5", "85,5",
// "85 %"), and the checks the API makes of the body (OverrideBody), with a reason always asked for:
// setting and removing an override both say why.

/** The longest reason the API keeps. */
export const REASON_MAX = 500

/** A typed percentage as a number with at most two decimals, or undefined when it is not one. */
export function parsePercent(text: string): number | undefined {
  const cleaned = text.trim().replace(/\s*%$/, '').replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(cleaned) && !/^\.\d+$/.test(cleaned)) return undefined
  return Math.round(Number(cleaned) * 100) / 100
}

/** The dialog's first value: the override in place, as a person would type it. */
export const percentDefault = (percent: number | null | undefined): string =>
  percent === null || percent === undefined ? '' : String(Math.round(percent * 100) / 100)

/** Words for each way a value can be wrong (the dialog passes its catalogue's). */
export interface OverrideWords {
  percentInvalid: string
  percentRange: string
  reasonRequired: string
  reasonLong: string
}

/** The body to send (`remove`: the override goes), or a message per field (percent, reason). */
export function checkOverride(
  values: { userId: string; item: string; percent: string; reason: string; remove: boolean },
  words: OverrideWords,
): Validated<OverrideBody> {
  const errors: FieldErrors = {}
  const reason = values.reason.trim()
  if (!reason) errors.reason = words.reasonRequired
  else if (reason.length > REASON_MAX) errors.reason = words.reasonLong
  let percent: number | null = null
  if (!values.remove) {
    const parsed = parsePercent(values.percent)
    if (parsed === undefined) errors.percent = words.percentInvalid
    else if (parsed > 100) errors.percent = words.percentRange
    else percent = parsed
  }
  return checked(errors, { user_id: values.userId, item: values.item, percent, reason })
}
