import { describe, expect, it } from 'vitest'
import type { Citation } from '../../../../edge/contract/ai.ts'
import { addCitation, citationHref, citationLabel, segments } from './citations.ts'

const LESSON = '11111111-1111-4111-8111-111111111111'
const cite = (n: number, section_id = 'light-energy', heading = 'Light energy'): Citation => ({
  n,
  course_id: '22222222-2222-4222-8222-222222222222',
  lesson_id: LESSON,
  version: 3,
  section_id,
  lesson_title: 'Photosynthesis',
  heading,
})

describe('citation links', () => {
  it('opens the lesson at the section', () => {
    expect(citationHref('demo-academy', cite(1))).toBe(`/t/demo-academy/lessons/${LESSON}#light-energy`)
  })

  it('opens the top of the lesson for the text before the first heading', () => {
    expect(citationHref('demo-academy', cite(1, '', ''))).toBe(`/t/demo-academy/lessons/${LESSON}`)
    expect(citationLabel(cite(1, '', ''))).toBe('Photosynthesis')
  })

  it('reads "Lesson › heading"', () => {
    expect(citationLabel(cite(2))).toBe('Photosynthesis › Light energy')
  })
})

describe('segments', () => {
  it('links [n] markers of known citations and leaves others as text', () => {
    const out = segments('Plants use light [1]. See also [3].', [cite(1)], 'demo-academy')
    expect(out).toEqual([
      { kind: 'text', text: 'Plants use light ' },
      {
        kind: 'cite',
        text: '[1]',
        n: 1,
        href: `/t/demo-academy/lessons/${LESSON}#light-energy`,
        label: 'Photosynthesis › Light energy',
      },
      { kind: 'text', text: '. See also [3].' },
    ])
  })

  it('emphasises **bold** and keeps adjacent markers apart', () => {
    const out = segments('**Chlorophyll** absorbs light [1][2]', [cite(1), cite(2, 'leaves', 'Leaves')], 's')
    expect(out.map((s) => `${s.kind}:${s.text}`)).toEqual([
      'strong:Chlorophyll',
      'text: absorbs light ',
      'cite:[1]',
      'cite:[2]',
    ])
  })

  it('returns the whole text when there is nothing to link', () => {
    expect(segments('Habari', [], 's')).toEqual([{ kind: 'text', text: 'Habari' }])
    expect(segments('', [], 's')).toEqual([])
  })
})

describe('addCitation', () => {
  it('keeps one per number, in order', () => {
    const list = addCitation(addCitation([cite(2)], cite(1)), cite(2, 'other'))
    expect(list.map((c) => [c.n, c.section_id])).toEqual([
      [1, 'light-energy'],
      [2, 'light-energy'],
    ])
  })
})
