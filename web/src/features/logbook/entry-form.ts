import type { Competency, LogbookEntry, NewLogbookEntryBody } from '../../../../edge/contract/logbook.ts'
import type { FieldErrors } from '../../lib/forms.ts'

// The entry form's values, checks and request body (pure: tested without a browser).

export const TITLE_MAX = 200
export const BODY_MAX = 20000

export interface EntryValues {
  title: string
  body: string
  lesson_id: string
  competencies: Competency[]
  shared_with_guardians: boolean
  files: { path: string; name: string }[]
}

/** A new entry's values, or an entry's own for editing. */
export function entryValues(entry?: LogbookEntry): EntryValues {
  return {
    title: entry?.title ?? '',
    body: entry?.body ?? '',
    lesson_id: entry?.lesson?.id ?? '',
    competencies: entry?.competencies ?? [],
    shared_with_guardians: entry?.shared_with_guardians ?? false,
    files: entry?.files.map((f) => ({ path: f.path, name: f.name })) ?? [],
  }
}

/** What the form says before sending: a title, and nothing too long. */
export function entryErrors(
  values: EntryValues,
  words: { titleNeeded: string; tooLong: string },
): FieldErrors {
  const errors: FieldErrors = {}
  if (!values.title.trim()) errors.title = words.titleNeeded
  else if (values.title.trim().length > TITLE_MAX) errors.title = words.tooLong
  if (values.body.length > BODY_MAX) errors.body = words.tooLong
  return errors
}

/** The body the API takes (for a new entry, or a whole change of one). */
export function entryBody(values: EntryValues): Required<NewLogbookEntryBody> {
  return {
    title: values.title.trim(),
    body: values.body.replace(/\s+$/, ''),
    lesson_id: values.lesson_id || null,
    competencies: values.competencies,
    files: values.files,
    shared_with_guardians: values.shared_with_guardians,
  }
}

/** Ticks or unticks a competency, keeping the list's order. */
export function toggleCompetency(list: readonly Competency[], c: Competency, on: boolean): Competency[] {
  return on ? [...new Set([...list, c])] : list.filter((x) => x !== c)
}

/** Files kept before that the change drops (to remove from storage once it is saved). */
export const droppedFiles = (before: readonly { path: string }[], after: readonly { path: string }[]) =>
  before.filter((f) => !after.some((a) => a.path === f.path)).map((f) => f.path)
