/** Longest school address the contract accepts (see `Slug` in edge/contract/tenancy.ts). */
export const SLUG_MAX_LENGTH = 48

/**
 * A URL-safe school address from a name: "St. Mary's Girls' School" → "st-marys-girls-school".
 * Accents are dropped, anything else becomes a single dash, and the result never ends in a dash.
 */
export function slugify(input: string, maxLength = SLUG_MAX_LENGTH): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
}
