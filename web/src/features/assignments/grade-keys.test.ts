import { describe, expect, it } from 'vitest'
import { gradeKey, type KeyPress, keyTarget, moveWithin } from './grade-keys.ts'

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({ key, target: 'other', ...more })

describe('grading shortcuts', () => {
  it.each([
    ['1', { type: 'level', index: 0 }],
    ['6', { type: 'level', index: 5 }],
    ['7', null],
    ['j', { type: 'move', by: 1 }],
    ['ArrowDown', { type: 'move', by: 1 }],
    ['k', { type: 'move', by: -1 }],
    ['ArrowUp', { type: 'move', by: -1 }],
    ['n', { type: 'next' }],
    ['?', { type: 'help' }],
    ['a', null],
    ['x', null],
  ])('points rubric: %s', (key, action) => {
    expect(gradeKey(press(key), 'points')).toEqual(action)
  })

  it.each([
    ['a', { type: 'achieved', value: true }],
    ['A', { type: 'achieved', value: true }],
    ['n', { type: 'achieved', value: false }],
    ['N', { type: 'next' }],
    ['1', null],
    ['j', { type: 'move', by: 1 }],
  ])('BTEC rubric: %s', (key, action) => {
    expect(gradeKey(press(key), 'btec')).toEqual(action)
  })

  it('without a rubric there is nothing to move between or pick', () => {
    expect(gradeKey(press('j'), 'none')).toBeNull()
    expect(gradeKey(press('1'), 'none')).toBeNull()
    expect(gradeKey(press('n'), 'none')).toEqual({ type: 'next' })
  })

  it('saves with Ctrl or ⌘ + Enter, even while typing feedback', () => {
    expect(gradeKey(press('Enter', { ctrlKey: true, target: 'text' }), 'points')).toEqual({ type: 'save' })
    expect(gradeKey(press('Enter', { metaKey: true }), 'btec')).toEqual({ type: 'save' })
    expect(gradeKey(press('Enter'), 'points')).toBeNull()
  })

  it('leaves typed text, modified keys and IME composition alone', () => {
    expect(gradeKey(press('1', { target: 'text' }), 'points')).toBeNull()
    expect(gradeKey(press('n', { target: 'text' }), 'btec')).toBeNull()
    expect(gradeKey(press('1', { ctrlKey: true }), 'points')).toBeNull()
    expect(gradeKey(press('j', { altKey: true }), 'points')).toBeNull()
    expect(gradeKey(press('Enter', { ctrlKey: true, isComposing: true }), 'points')).toBeNull()
  })

  it('still works on a level radio (arrows move between criteria there)', () => {
    expect(gradeKey(press('2', { target: 'choice' }), 'points')).toEqual({ type: 'level', index: 1 })
    expect(gradeKey(press('ArrowDown', { target: 'choice' }), 'points')).toEqual({ type: 'move', by: 1 })
  })
})

describe('where a key was pressed', () => {
  it('tells text boxes from choices', () => {
    expect(keyTarget({ tagName: 'TEXTAREA' })).toBe('text')
    expect(keyTarget({ tagName: 'INPUT', type: 'number' })).toBe('text')
    expect(keyTarget({ tagName: 'INPUT' })).toBe('text')
    expect(keyTarget({ tagName: 'SELECT' })).toBe('text')
    expect(keyTarget({ tagName: 'DIV', isContentEditable: true })).toBe('text')
    expect(keyTarget({ tagName: 'INPUT', type: 'radio' })).toBe('choice')
    expect(keyTarget({ tagName: 'BUTTON' })).toBe('choice')
    expect(keyTarget({ tagName: 'FIELDSET' })).toBe('other')
    expect(keyTarget(null)).toBe('other')
  })

  it('keeps a move within the criteria', () => {
    expect(moveWithin(0, -1, 3)).toBe(0)
    expect(moveWithin(1, 1, 3)).toBe(2)
    expect(moveWithin(2, 1, 3)).toBe(2)
    expect(moveWithin(0, 1, 0)).toBe(0)
  })
})
