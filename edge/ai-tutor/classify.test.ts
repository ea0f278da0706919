import { describe, expect, it } from 'vitest'
import { classify, detectLanguage } from './classify.ts'

describe('classify', () => {
  it.each([
    ['Solve 2x + 3 = 11', 'reasoning', 'solve'],
    ['Please calculate the area of a circle', 'reasoning', 'calculate'],
    ['Why is the sky blue?', 'reasoning', 'why'],
    ['Prove that the angles of a triangle add up to 180', 'reasoning', 'prove'],
    ['Nisaidie kutatua hesabu hii', 'reasoning', 'hesabu'],
    ['Kwa nini mvua inanyesha?', 'reasoning', 'kwa nini'],
    ['12 × 7?', 'reasoning', 'arithmetic'],
    ['Write a story about a lion', 'creative', 'write a story'],
    ['Write a poem about rain', 'creative', 'write a poem'],
    ['Nisaidie kuandika insha kuhusu mazingira', 'creative', 'insha'],
    ['Tunga shairi la mama', 'creative', 'shairi'],
    ['Write a story about the history of Kenya', 'creative', 'write a story'],
    ['Who was Dedan Kimathi?', 'research', 'who was'],
    ['Explain the history of the railway', 'research', 'history'],
    ['Tafuta habari za Mau Mau', 'research', 'tafuta'],
    ['Historia ya Kenya', 'research', 'historia'],
    ['What is a noun?', 'general', 'no rule'],
    ['Habari, nieleze maana ya nomino', 'general', 'no rule'],
  ])('%s → %s (%s)', (message, taskClass, phrase) => {
    const c = classify(message)
    expect(c.taskClass).toBe(taskClass)
    expect(c.rule).toContain(phrase)
  })
})

describe('detectLanguage', () => {
  it.each([
    ['Je, nini maana ya photosynthesis?', 'sw'],
    ['Habari mwalimu, nisaidie na swali hili tafadhali', 'sw'],
    ['Kwa nini jua linawaka?', 'sw'],
    ['What is the meaning of photosynthesis?', 'en'],
    ['Explain how plants make food', 'en'],
  ])('%s → %s', (message, language) => {
    expect(detectLanguage(message, language === 'en' ? 'sw' : 'en')).toBe(language)
  })

  it('falls back to the page language, then English', () => {
    expect(detectLanguage('photosynthesis', 'sw')).toBe('sw')
    expect(detectLanguage('photosynthesis')).toBe('en')
  })
})
