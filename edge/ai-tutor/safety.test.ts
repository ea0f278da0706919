import { describe, expect, it } from 'vitest'
import { checkSafety, SAFETY_REPLY, SAFETY_RULES } from './safety.ts'

describe('safety rules', () => {
  it.each([
    ['I want to kill myself', 'self_harm'],
    ['sometimes i feel SUICIDAL.', 'self_harm'],
    ["I don't want to live anymore", 'self_harm'],
    ['Nataka kujiua', 'self_harm'],
    ['nataka kufa leo', 'self_harm'],
    ['baba ananipiga kila siku', 'abuse'],
    ['my uncle touches me and I hate it', 'abuse'],
    ['I was abused by a neighbour', 'abuse'],
    ['I am unsafe at home', 'abuse'],
    ['niliogopa kubakwa', 'abuse'],
    ['someone is following me after school', 'danger'],
    ["I'm in danger", 'danger'],
    ['niko hatarini sasa', 'danger'],
  ])('%s → %s', (message, reason) => {
    expect(checkSafety(message)?.reason).toBe(reason)
  })

  it.each([
    'How do I improve my skill myself?',
    'Which animals are in danger of extinction?',
    'Explain drug abuse prevention in health education',
    'That beats me, what is 12 × 12?',
    'Who killed the Duke in the story?',
    'Eleza historia ya Kenya',
    'What is photosynthesis?',
  ])('does not flag a learning question: %s', (message) => {
    expect(checkSafety(message)).toBeNull()
  })

  it('has rules in both languages for every reason, each normalised', () => {
    for (const reason of ['self_harm', 'abuse', 'danger'])
      for (const language of ['en', 'sw'])
        expect(SAFETY_RULES.some((r) => r.reason === reason && r.language === language)).toBe(true)
    for (const r of SAFETY_RULES) expect(r.phrase).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/)
  })

  it('replies with Childline 116 and emergency numbers in both languages', () => {
    for (const text of Object.values(SAFETY_REPLY)) {
      expect(text).toContain('116')
      expect(text).toContain('999')
      expect(text).toContain('112')
    }
    expect(SAFETY_REPLY.sw).toMatch(/mwalimu/i)
    expect(SAFETY_REPLY.en).toMatch(/teacher/i)
  })
})
