import { describe, expect, it } from 'vitest'
import {
  normalizeForQuote,
  readSuggestions,
  scrubName,
  suggestionPrompt,
  withoutPersonalData,
} from './suggest.ts'

// What the 'suggest' job keeps of a provider's answer, and what it sends: no I/O (the job against
// Postgres and the fake provider: suggest.test.ts).

const POINTS = {
  kind: 'points' as const,
  criteria: [
    {
      id: 'arg',
      title: 'Argument',
      levels: [
        { id: 'weak', title: 'Weak', points: 0 },
        { id: 'strong', title: 'Strong', points: 10 },
      ],
    },
  ],
}
const BTEC = { kind: 'btec' as const, criteria: [{ id: 'p1', code: 'P1', description: 'Describe' }] }
const TEXT = 'Markets help towns\n\ngrow. The trader’s stall — busy — opens early.'

describe('readSuggestions', () => {
  it('keeps a suggestion whose quote is in the text once whitespace, typographic quotes and dashes are normalised', () => {
    const answer = JSON.stringify({
      suggestions: [
        {
          criterion_id: 'arg',
          level_id: 'strong',
          justification: 'Why.',
          quote: '"Markets help towns grow. The trader\'s stall - busy - opens…"',
        },
      ],
    })
    expect(readSuggestions(answer, POINTS, TEXT)?.kept).toEqual([
      {
        criterion_id: 'arg',
        level_id: 'strong',
        achieved: null,
        justification: 'Why.',
        quote: "Markets help towns grow. The trader's stall - busy - opens",
      },
    ])
  })

  it('drops made-up quotes, unknown criteria and levels, BTEC without an outcome, repeats and invalid items', () => {
    const answer = `Here you go:\n\`\`\`json\n${JSON.stringify({
      suggestions: [
        { criterion_id: 'arg', level_id: 'strong', justification: 'Why.', quote: 'Markets double incomes' },
        { criterion_id: 'arg', level_id: 'superb', justification: 'Why.', quote: 'Markets help towns' },
        { criterion_id: 'nope', level_id: 'weak', justification: 'Why.', quote: 'Markets help towns' },
        { criterion_id: 'arg', level_id: 'weak', justification: 'Why.', quote: 'Markets help towns' },
        { criterion_id: 'arg', level_id: 'strong', justification: 'Again.', quote: 'opens early' },
        { criterion_id: 'arg', level_id: 'weak', justification: '', quote: 'opens early' },
        'not an object',
      ],
    })}\n\`\`\``
    const read = readSuggestions(answer, POINTS, TEXT)
    expect(read?.kept.map((k) => [k.criterion_id, k.level_id])).toEqual([['arg', 'weak']])
    expect(read?.dropped.map((d) => d.reason)).toEqual([
      'quote not found',
      'unknown level',
      'unknown criterion',
      'repeated',
      'invalid',
      'invalid',
    ])
    const btec = readSuggestions(
      JSON.stringify({
        suggestions: [{ criterion_id: 'p1', level_id: 'x', justification: 'Why.', quote: 'opens early' }],
      }),
      BTEC,
      TEXT,
    )
    expect(btec?.dropped).toEqual([{ criterion_id: 'p1', reason: 'no outcome' }])
  })

  it('is null for an answer that is not the JSON asked for', () => {
    expect(readSuggestions('The essay is good.', POINTS, TEXT)).toBeNull()
    expect(readSuggestions('{"suggestions": 3}', POINTS, TEXT)).toBeNull()
    expect(readSuggestions('{broken', POINTS, TEXT)).toBeNull()
  })
})

describe('what a provider is sent', () => {
  it("replaces the student's name (whole words, any case) and the PII rules' kinds", () => {
    expect(scrubName('Amina wrote this. AMINA WANJIRU, not Aminata.', 'Amina Wanjiru')).toBe(
      '[name] wrote this. [name], not Aminata.',
    )
    expect(withoutPersonalData('I am Amina, call 0712345678.', 'Amina Wanjiru')).toBe(
      'I am [name], call [phone].',
    )
    expect(scrubName('Al is here', 'Al')).toBe('Al is here')
  })

  it('names each criterion and level by id and asks for JSON only', () => {
    const p = suggestionPrompt({ rubric: POINTS, instructions: 'Write.', text: 'Body.' })
    expect(p.system).toContain('JSON only')
    expect(p.user).toContain('"criterion_id":"arg"')
    expect(p.user).toContain('"level_id":"strong"')
    expect(p.user).toContain('Body.')
    expect(suggestionPrompt({ rubric: BTEC, instructions: '', text: 'x' }).system).toContain('"achieved"')
  })

  it('normalises quotes for comparison', () => {
    expect(normalizeForQuote(' “a”\n\t b – c ')).toBe('"a" b - c')
  })
})
