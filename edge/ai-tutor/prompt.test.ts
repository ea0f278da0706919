import { describe, expect, it } from 'vitest'
import {
  citationsOf,
  citedIn,
  lessonsAnswer,
  type Passage,
  SNIPPET_CHARS,
  systemPrompt,
  titleFrom,
} from './prompt.ts'

const passage = (n: number, body = `Body ${n} `.repeat(80)): Passage => ({
  lesson_id: `00000000-0000-0000-0000-00000000000${n}`,
  course_id: '00000000-0000-0000-0000-0000000000c1',
  version: 1,
  lesson_title: `Lesson ${n}`,
  section_id: `section-${n}`,
  heading: `Heading ${n}`,
  body,
})

describe('the system prompt', () => {
  it('keeps to learning, at the CBC level, in the language, with hints and cited passages', () => {
    const p = systemPrompt({
      language: 'sw',
      mode: 'hints',
      level: 'Grade 6',
      passages: [passage(1), passage(2)],
    })
    expect(p).toContain('Grade 6')
    expect(p).toContain('CBC')
    expect(p).toContain('Kiswahili')
    expect(p).toMatch(/Stay on learning/)
    expect(p).toMatch(/do NOT give the final answer/)
    expect(p).toContain('[1] Lesson 1 — Heading 1')
    expect(p).toContain('[2] Lesson 2 — Heading 2')
    expect(p).toMatch(/cite them as \[n\]/)
  })

  it('explains fully in answer mode and says when nothing matched', () => {
    const p = systemPrompt({ language: 'en', mode: 'answers', level: '', passages: [] })
    expect(p).toMatch(/Answer mode/)
    expect(p).not.toMatch(/do NOT give/)
    expect(p).toMatch(/No passage/)
  })
})

describe('the answer from lessons', () => {
  it('quotes each passage (cut at a word) with its number and citation', () => {
    const a = lessonsAnswer([passage(1), passage(2)], 'en')
    expect(a.parts[0]).toBe('From your lessons:\n')
    expect(a.parts[1]).toContain('**Lesson 1 — Heading 1** [1]')
    const quote = a.parts[1].split('> ')[1].trim()
    expect(quote.length).toBeLessThanOrEqual(SNIPPET_CHARS)
    expect(quote.endsWith('…')).toBe(true)
    expect(a.citations.map((c) => [c.n, c.section_id])).toEqual([
      [1, 'section-1'],
      [2, 'section-2'],
    ])
  })

  it('says kindly when nothing matched, in Kiswahili too', () => {
    expect(lessonsAnswer([], 'en')).toEqual({
      parts: [expect.stringMatching(/ask your teacher/)],
      citations: [],
    })
    expect(lessonsAnswer([], 'sw').parts[0]).toMatch(/mwalimu/)
    expect(lessonsAnswer([passage(1)], 'sw').parts[0]).toBe('Kutoka kwenye masomo yako:\n')
  })
})

describe('citations and titles', () => {
  it('keeps only the citations the text uses', () => {
    const all = citationsOf([passage(1), passage(2), passage(3)])
    expect(citedIn('Plants make food [1]. See also [3][1].', all).map((c) => c.n)).toEqual([1, 3])
    expect(citedIn('No sources.', all)).toEqual([])
  })

  it('titles a conversation with its first question, at most 60 characters', () => {
    expect(titleFrom('  What   is a noun? ')).toBe('What is a noun?')
    const long = titleFrom(
      'Explain the water cycle with evaporation condensation precipitation and collection please',
    )
    expect(long.length).toBeLessThanOrEqual(60)
    expect(long.endsWith('…')).toBe(true)
  })
})
