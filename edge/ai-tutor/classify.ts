// Explainable rules, English and Kiswahili: what a message asks for (its task class, which picks
// the provider's model) and which language to answer in. Both use the normalised words of
// text.ts, so every rule is a whole-word phrase and the rule that decided is returned.
import type { TaskClass, TutorLanguage } from '../contract/ai.ts'
import { hasPhrase, normalize, words } from './text.ts'

export interface ClassRule {
  taskClass: Exclude<TaskClass, 'general'>
  language: TutorLanguage
  phrase: string
}

const rules = (taskClass: ClassRule['taskClass'], language: TutorLanguage, phrases: string[]) =>
  phrases.map((phrase): ClassRule => ({ taskClass, language, phrase }))

/**
 * Checked in this order, the first match decides: writing tasks first ("write a story about the
 * history of Kenya" is creative), then working-out words (solve, calculate, hesabu…), then looking
 * things up (who was, history, tafuta…), then the open "why" questions (reasoning).
 */
export const CLASS_RULES: ClassRule[] = [
  ...rules('creative', 'en', [
    'write a story',
    'write a poem',
    'write an essay',
    'write a composition',
    'write a letter',
    'write a song',
    'story about',
    'poem about',
    'compose',
    'composition',
    'creative writing',
    'imagine',
  ]),
  ...rules('creative', 'sw', [
    'insha',
    'hadithi',
    'shairi',
    'mashairi',
    'tunga',
    'utunzi',
    'andika hadithi',
    'andika shairi',
    'andika insha',
    'barua',
  ]),
  ...rules('reasoning', 'en', [
    'solve',
    'calculate',
    'work out',
    'prove',
    'proof',
    'equation',
    'simplify',
    'factorise',
    'factorize',
    'find the value',
    'how many',
    'how much',
    'evaluate',
  ]),
  ...rules('reasoning', 'sw', ['hesabu', 'tatua', 'kokotoa', 'thibitisha', 'jumla ya', 'ngapi', 'suluhisha']),
  ...rules('research', 'en', [
    'who was',
    'who were',
    'who is',
    'history',
    'historical',
    'when did',
    'when was',
    'where is',
    'find information',
    'research',
    'facts about',
    'tell me about',
  ]),
  ...rules('research', 'sw', [
    'tafuta',
    'historia',
    'nani alikuwa',
    'alikuwa nani',
    'ni nani',
    'lini',
    'wapi',
    'habari za',
  ]),
  ...rules('reasoning', 'en', ['why', 'how does', 'how do', 'explain why', 'what if', 'compare']),
  ...rules('reasoning', 'sw', ['kwa nini', 'kwanini', 'eleza kwa nini', 'linganisha']),
]

/** Arithmetic in the text ("3x + 4 = 10", "12 × 7") counts as reasoning too. */
const ARITHMETIC = /\d\s*[-+*/×÷=^]\s*\(?[\d a-z]/i

export interface Classification {
  taskClass: TaskClass
  /** Why, for logs and tests: e.g. `reasoning: "hesabu" (sw)`, `reasoning: arithmetic`, `general: no rule`. */
  rule: string
}

export function classify(message: string): Classification {
  const text = normalize(message)
  const hit = CLASS_RULES.find((r) => hasPhrase(text, r.phrase))
  if (hit?.taskClass === 'creative') return { taskClass: 'creative', rule: describe(hit) }
  if (ARITHMETIC.test(message) && hit?.taskClass !== 'reasoning')
    return { taskClass: 'reasoning', rule: 'reasoning: arithmetic' }
  if (hit) return { taskClass: hit.taskClass, rule: describe(hit) }
  return { taskClass: 'general', rule: 'general: no rule' }
}

const describe = (r: ClassRule) => `${r.taskClass}: "${r.phrase}" (${r.language})`

/** Common Kiswahili words (function words and greetings), for telling the question's language. */
export const SWAHILI_WORDS = new Set([
  'ni',
  'na',
  'kwa',
  'ya',
  'wa',
  'je',
  'nini',
  'gani',
  'tafadhali',
  'habari',
  'za',
  'la',
  'cha',
  'vya',
  'katika',
  'kuhusu',
  'hii',
  'hiyo',
  'huu',
  'hili',
  'hizi',
  'sana',
  'lakini',
  'au',
  'pia',
  'kama',
  'sasa',
  'mimi',
  'wewe',
  'yeye',
  'sisi',
  'nataka',
  'naomba',
  'nisaidie',
  'eleza',
  'nieleze',
  'jinsi',
  'gani',
  'kwanini',
  'nini',
  'ngapi',
  'asante',
  'hujambo',
  'sijui',
  'siwezi',
  'ndiyo',
  'hapana',
  'kutoka',
  'mwalimu',
  'somo',
  'swali',
  'jibu',
  'maana',
  'mfano',
  'je',
  'una',
  'ana',
  'tuna',
  'kuna',
])

/** Common English words, so an English question on a Kiswahili page is answered in English. */
export const ENGLISH_WORDS = new Set([
  'the',
  'is',
  'are',
  'was',
  'what',
  'how',
  'why',
  'who',
  'which',
  'where',
  'when',
  'of',
  'to',
  'in',
  'and',
  'a',
  'an',
  'it',
  'this',
  'that',
  'do',
  'does',
  'can',
  'you',
  'i',
  'me',
  'my',
  'please',
  'explain',
  'help',
  'with',
  'for',
  'on',
  'about',
  'from',
  'does',
  'mean',
  'tell',
])

/**
 * The question's language: Kiswahili when more of its words are common Kiswahili words than common
 * English ones, English when the reverse, else the page's language (`fallback`), else English.
 */
export function detectLanguage(message: string, fallback?: TutorLanguage): TutorLanguage {
  let sw = 0
  let en = 0
  for (const w of words(message)) {
    if (SWAHILI_WORDS.has(w)) sw++
    if (ENGLISH_WORDS.has(w)) en++
  }
  if (sw > en) return 'sw'
  if (en > sw) return 'en'
  return fallback ?? 'en'
}
