import { describe, expect, it } from 'vitest'
import { CBC_LEVELS, LEARNING_AREAS } from '../../../../edge/contract/courses-values.ts'
import { choiceOptions, courseFacts, joinChoice, OTHER, splitChoice } from './course-fields.ts'

describe('level and learning area choices', () => {
  it('selects a known CBC level, whatever its case or spacing', () => {
    expect(splitChoice('Grade 4', CBC_LEVELS)).toEqual({ choice: 'Grade 4', other: '' })
    expect(splitChoice('  grade   4 ', CBC_LEVELS)).toEqual({ choice: 'Grade 4', other: '' })
    expect(splitChoice('pp1', CBC_LEVELS)).toEqual({ choice: 'PP1', other: '' })
  })

  it('keeps a free-form level as "Other…" with its text', () => {
    expect(splitChoice('Form 3 (8-4-4)', CBC_LEVELS)).toEqual({ choice: OTHER, other: 'Form 3 (8-4-4)' })
    expect(splitChoice('IGCSE Year 10', CBC_LEVELS).choice).toBe(OTHER)
  })

  it('treats empty as not set', () => {
    expect(splitChoice('', LEARNING_AREAS)).toEqual({ choice: '', other: '' })
    expect(splitChoice(null, LEARNING_AREAS)).toEqual({ choice: '', other: '' })
  })

  it('joins back to the value to store', () => {
    expect(joinChoice({ choice: 'Kiswahili', other: 'ignored' })).toBe('Kiswahili')
    expect(joinChoice({ choice: OTHER, other: '  Robotics ' })).toBe('Robotics')
    expect(joinChoice({ choice: '', other: '' })).toBe('')
    for (const area of LEARNING_AREAS) expect(joinChoice(splitChoice(area, LEARNING_AREAS))).toBe(area)
  })

  it('offers not set, every option, then other', () => {
    const opts = choiceOptions(CBC_LEVELS)
    expect(opts[0]).toEqual({ value: '', label: 'Not set' })
    expect(opts.at(-1)).toEqual({ value: OTHER, label: 'Other…' })
    expect(opts).toHaveLength(CBC_LEVELS.length + 2)
  })

  it('lists the facts that are set', () => {
    expect(courseFacts({ level: 'Grade 4', learning_area: '' })).toEqual(['Grade 4'])
    expect(courseFacts({ level: ' ', learning_area: 'English' })).toEqual(['English'])
  })
})
