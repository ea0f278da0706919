import { describe, expect, it } from 'vitest'
import { insertMention, mentionedIn, mentionPieces, mentionQuery } from './mention-text.ts'

const grace = { id: 'g', name: 'Grace Wanjiku' }
const kev = { id: 'k', name: 'Kevin' }

describe('mentionQuery', () => {
  it('finds the name typed after an @ at the start or after a space', () => {
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQuery('Hi @Gra', 7)).toEqual({ start: 3, query: 'Gra' })
    expect(mentionQuery('Hi @Grace Wan', 13)).toEqual({ start: 3, query: 'Grace Wan' })
    expect(mentionQuery('Habari @Wanjikũ', 15)).toEqual({ start: 7, query: 'Wanjikũ' })
  })
  it('ignores emails, three-word runs and text after the caret', () => {
    expect(mentionQuery('mail me@school.ke', 17)).toBeUndefined()
    expect(mentionQuery('@Grace Wanjiku is here', 22)).toBeUndefined()
    expect(mentionQuery('Hi @Gra and more', 7)).toEqual({ start: 3, query: 'Gra' })
    expect(mentionQuery('no at sign', 10)).toBeUndefined()
  })
})

describe('insertMention', () => {
  it('puts the name in place of the query, with one space after', () => {
    expect(insertMention('Hi @Gra', 3, 7, 'Grace Wanjiku')).toEqual({ text: 'Hi @Grace Wanjiku ', caret: 18 })
    expect(insertMention('Hi @Gr please', 3, 6, 'Grace Wanjiku')).toEqual({
      text: 'Hi @Grace Wanjiku please',
      caret: 18,
    })
  })
})

describe('mentionedIn', () => {
  it('keeps the picked people still named in the words, once each', () => {
    expect(mentionedIn('@Grace Wanjiku and @Kevin, @Kevin', [grace, kev, kev])).toEqual(['g', 'k'])
    expect(mentionedIn('@Grace W only', [grace, kev])).toEqual([])
  })
})

describe('mentionPieces', () => {
  it('cuts the words around each mention, longest names first', () => {
    const kevinO = { id: 'ko', name: 'Kevin Otieno' }
    expect(mentionPieces('Ask @Kevin Otieno or @Kevin.', [kev, kevinO])).toEqual([
      { text: 'Ask ' },
      { text: '@Kevin Otieno', person: kevinO },
      { text: ' or ' },
      { text: '@Kevin', person: kev },
      { text: '.' },
    ])
  })
  it('leaves words without mentions whole, and names regex characters literally', () => {
    expect(mentionPieces('Plain words', [])).toEqual([{ text: 'Plain words' }])
    const odd = { id: 'o', name: 'A.B (C)' }
    expect(mentionPieces('hi @A.B (C)', [odd])).toEqual([{ text: 'hi ' }, { text: '@A.B (C)', person: odd }])
    expect(mentionPieces('hi @AxB (C)', [odd])).toEqual([{ text: 'hi @AxB (C)' }])
  })
})
