// Personal data is removed from a student's text before any provider sees it: phone numbers,
// emails, national ID / birth certificate / passport numbers (digits only in their context, so
// "calculate 12345678 × 2" stays) and addresses (P.O. Box, street addresses, "my address is …").
// Each becomes a placeholder the model understands: [phone], [email], [id number], [address].

export type PiiKind = 'phone' | 'email' | 'id number' | 'address'

interface PiiRule {
  kind: PiiKind
  pattern: RegExp
}

const ID_WORDS =
  '(?:national\\s+id|id\\s*(?:card|number|no\\.?|#)?|i\\.d\\.?|birth\\s+cert(?:ificate)?|cert(?:ificate)?\\s*(?:number|no\\.?)|passport|huduma(?:\\s+namba)?|kitambulisho|cheti\\s+cha\\s+kuzaliwa|pasipoti)'
/** Street words, either case of their first letter (the street rule needs capitalised names). */
const STREET = `(?:${[
  'street',
  'st',
  'road',
  'rd',
  'avenue',
  'ave',
  'lane',
  'ln',
  'drive',
  'dr',
  'close',
  'crescent',
  'way',
  'highway',
]
  .map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`)
  .join('|')})`

/** Applied in this order (emails before phones, so digits inside an email stay part of it). */
export const PII_RULES: PiiRule[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // P.O. Box 1234-00100 Nairobi, S.L.P. 45 (Sanduku la Posta)
  {
    kind: 'address',
    pattern:
      /\b(?:p\.?\s*o\.?\s*box|post\s+office\s+box|s\.?\s*l\.?\s*p\.?|sanduku\s+la\s+posta)\s*\.?\s*\d{1,6}(?:\s*[-–,]\s*\d{5})?(?:[\s,]+[A-Z][a-z]+)?/gi,
  },
  // "my address is …", "I live at …", "anwani yangu ni …", "naishi …": up to the end of the clause.
  {
    kind: 'address',
    pattern:
      /\b(?:my\s+(?:home\s+)?address\s+is|i\s+live\s+at|we\s+live\s+at|anwani\s+yangu\s+ni|ninaishi\s+(?:kwenye|katika)|naishi\s+(?:kwenye|katika))\s+[^.!?\n]{3,80}/gi,
  },
  // 12 Moi Avenue, 4B Ngong Road
  {
    kind: 'address',
    pattern: new RegExp(`\\b\\d{1,5}[A-Za-z]?,?\\s+(?:[A-Z][a-z]+\\s+){1,3}${STREET}\\b\\.?`, 'g'),
  },
  // House No. 12, Hse 4, Apartment 5B, Flat 3, nyumba namba 7
  {
    kind: 'address',
    pattern:
      /\b(?:house|hse|apartment|apt|flat|plot|nyumba)\s*(?:no\.?|number|namba|nambari|#)?\s*\d{1,5}[A-Za-z]?\b/gi,
  },
  // ID 12345678, national ID no: 1234567, birth certificate 123456789
  { kind: 'id number', pattern: new RegExp(`\\b${ID_WORDS}[^\\d\\n]{0,20}\\d{6,10}\\b`, 'gi') },
  // Kenyan mobile and landline numbers: +254 712 345 678, 0712345678, 0110 123456, 254-722-000000
  { kind: 'phone', pattern: /(?:\+?254[\s-]?|\b0)[17]\d{2}[\s-]?\d{3}[\s-]?\d{3}\b/g },
  { kind: 'phone', pattern: /(?:\+?254[\s-]?|\b0)20[\s-]?\d{3}[\s-]?\d{4}\b/g },
  // Other international numbers (+44 20 7946 0958) and grouped local ones (555-123-4567)
  { kind: 'phone', pattern: /\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,3}\b/g },
  { kind: 'phone', pattern: /\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g },
]

/** The id rule keeps its context word ("ID [id number]") so the sentence still reads. */
function replacement(kind: PiiKind, match: string): string {
  if (kind === 'id number') {
    const digits = match.search(/\d{6,10}$/)
    return `${match.slice(0, digits)}[id number]`
  }
  if (kind === 'address') {
    const lead =
      /^(?:my\s+(?:home\s+)?address\s+is|i\s+live\s+at|we\s+live\s+at|anwani\s+yangu\s+ni|ninaishi\s+(?:kwenye|katika)|naishi\s+(?:kwenye|katika))\s+/i.exec(
        match,
      )
    if (lead) return `${lead[0]}[address]`
  }
  return `[${kind}]`
}

/** `text` with personal data replaced by placeholders, and which kinds were found. */
export function scrubPii(text: string): { text: string; found: PiiKind[] } {
  const found = new Set<PiiKind>()
  let out = text
  for (const rule of PII_RULES) {
    out = out.replace(rule.pattern, (m) => {
      found.add(rule.kind)
      return replacement(rule.kind, m)
    })
  }
  return { text: out, found: [...found] }
}
