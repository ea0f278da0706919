import { describe, expect, it } from 'vitest'
import { buyFor, childrenWithout } from './children.ts'

const amina = {
  user_id: '10000000-0000-4000-a000-000000000001',
  display_name: 'Amina',
  course_ids: ['c1'],
  courses: [{ id: 'c1', title: 'Science' }],
}
const baraka = {
  user_id: '10000000-0000-4000-a000-000000000002',
  display_name: 'Baraka',
  course_ids: [],
  courses: [],
}

describe('buying for a child', () => {
  it('keeps the children who lack the course', () => {
    expect(childrenWithout([amina, baraka], 'c1')).toEqual([baraka])
    expect(childrenWithout([amina, baraka], 'c2')).toEqual([amina, baraka])
  })

  it('says when there is no child, or every child has the course', () => {
    expect(buyFor([], 'c1')).toEqual({ kind: 'no_children' })
    expect(buyFor([amina], 'c1')).toEqual({ kind: 'all_have_it' })
  })

  it('preselects the wanted child when they lack the course, else the first who does', () => {
    expect(buyFor([amina, baraka], 'c2', baraka.user_id)).toEqual({
      kind: 'choose',
      children: [amina, baraka],
      preselected: baraka.user_id,
    })
    expect(buyFor([amina, baraka], 'c1', amina.user_id)).toMatchObject({ preselected: baraka.user_id })
    expect(buyFor([amina, baraka], 'c2')).toMatchObject({ preselected: amina.user_id })
  })
})
