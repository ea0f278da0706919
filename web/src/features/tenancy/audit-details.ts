// An audit entry's details as the page shows them: each change as "field: before → after", other
// facts as "field: value". Writers record changes as {field: {from, to}} or, for one value, {from, to}.

export type DetailLine = { field: string; before: string; after: string } | { field: string; value: string }

const isChange = (v: unknown): v is { from: unknown; to: unknown } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'from' in v && 'to' in v

/** A value as text: strings as they are, nothing as an empty string, the rest as JSON. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return ''
  return typeof v === 'string' ? v : JSON.stringify(v)
}

/** The lines of an entry's details, in the order they were written. */
export function detailLines(details: Record<string, unknown>): DetailLine[] {
  if (isChange(details)) {
    const rest = Object.entries(details).filter(([k]) => k !== 'from' && k !== 'to')
    return [
      { field: '', before: valueText(details.from), after: valueText(details.to) },
      ...rest.map(([field, v]) => ({ field, value: valueText(v) })),
    ]
  }
  return Object.entries(details).map(([field, v]) =>
    isChange(v)
      ? { field, before: valueText(v.from), after: valueText(v.to) }
      : { field, value: valueText(v) },
  )
}
