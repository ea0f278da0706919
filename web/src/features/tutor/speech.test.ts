import { describe, expect, it } from 'vitest'
import { guessLanguage, speakable, speechLang } from './speech.ts'

describe('read aloud', () => {
  it('speaks Kenyan Kiswahili or Kenyan English', () => {
    expect(speechLang('sw')).toBe('sw-KE')
    expect(speechLang('en')).toBe('en-KE')
  })

  it('tells Kiswahili answers from English ones', () => {
    expect(
      guessLanguage('Usanisinuru ni jinsi mimea inavyotengeneza chakula kwa kutumia mwanga wa jua.'),
    ).toBe('sw')
    expect(guessLanguage('Photosynthesis is how plants make food from light and water.')).toBe('en')
    expect(guessLanguage('')).toBe('en')
  })

  it('leaves out citation markers and bold marks', () => {
    expect(speakable('**Chlorophyll** absorbs light [1][2].')).toBe('Chlorophyll absorbs light .')
  })
})
