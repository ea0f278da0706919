import { describe, expect, it } from 'vitest'
import type { LogbookEntry } from '../../../../edge/contract/logbook.ts'
import { droppedFiles, entryBody, entryErrors, entryValues, toggleCompetency } from './entry-form.ts'

const words = { titleNeeded: 'title!', tooLong: 'long!' }

describe('the logbook entry form', () => {
  it('starts empty, or from the entry being edited', () => {
    expect(entryValues()).toEqual({
      title: '',
      body: '',
      lesson_id: '',
      competencies: [],
      shared_with_guardians: false,
      files: [],
    })
    const entry = {
      title: 'Cells',
      body: 'Saw them',
      lesson: { id: 'l1', title: 'The cell' },
      competencies: ['communication'],
      shared_with_guardians: true,
      files: [{ path: 'logbook-files/a/b/c/x.png', name: 'x.png', size: 1, type: 'image/png' }],
    } as LogbookEntry
    expect(entryValues(entry)).toEqual({
      title: 'Cells',
      body: 'Saw them',
      lesson_id: 'l1',
      competencies: ['communication'],
      shared_with_guardians: true,
      files: [{ path: 'logbook-files/a/b/c/x.png', name: 'x.png' }],
    })
  })

  it('asks for a title and refuses what is too long', () => {
    expect(entryErrors(entryValues(), words)).toEqual({ title: 'title!' })
    expect(entryErrors({ ...entryValues(), title: '   ' }, words)).toEqual({ title: 'title!' })
    expect(entryErrors({ ...entryValues(), title: 'x'.repeat(201), body: 'y'.repeat(20001) }, words)).toEqual(
      {
        title: 'long!',
        body: 'long!',
      },
    )
    expect(entryErrors({ ...entryValues(), title: 'ok' }, words)).toEqual({})
  })

  it('sends trimmed words, no lesson as null, and the ticked competencies', () => {
    const body = entryBody({ ...entryValues(), title: '  Cells ', body: 'Line one\n\n  ', lesson_id: '' })
    expect(body).toEqual({
      title: 'Cells',
      body: 'Line one',
      lesson_id: null,
      competencies: [],
      files: [],
      shared_with_guardians: false,
    })
  })

  it('ticks competencies once each and unticks them', () => {
    const once = toggleCompetency([], 'creativity', true)
    expect(toggleCompetency(once, 'creativity', true)).toEqual(['creativity'])
    expect(toggleCompetency(['creativity', 'citizenship'], 'creativity', false)).toEqual(['citizenship'])
  })

  it('knows which kept files a change drops', () => {
    expect(droppedFiles([{ path: 'a' }, { path: 'b' }], [{ path: 'b' }, { path: 'c' }])).toEqual(['a'])
  })
})
