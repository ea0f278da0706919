import type { Gradebook, GradebookRow } from '../../../../edge/contract/gradebook.ts'

// A small gradebook for the unit tests: two categories (Quizzes 1, Assignments 3, in that order of
// weight), one item in none, one BTEC assignment.

export const QUIZZES = 'c0000000-0000-4000-8000-000000000001'
export const ASSIGNMENTS = 'c0000000-0000-4000-8000-000000000002'

/** A row with nothing graded yet. */
export function row(userId: string, name: string): GradebookRow {
  return {
    user_id: userId,
    student_name: name,
    cells: [],
    categories: [],
    total: null,
    total_override: null,
    attendance: { attended: 0, booked: 0 },
  }
}

export function gradebook(): Gradebook {
  const item = (
    id: string,
    title: string,
    category: string | null,
    extra: Partial<Gradebook['items'][0]> = {},
  ) => ({
    id,
    kind: 'quiz' as const,
    title,
    category_id: category,
    closed: true,
    released: true,
    btec: false,
    ...extra,
  })
  return {
    course_id: 'course-1',
    course_title: 'Biology: Form 2',
    categories: [
      { id: ASSIGNMENTS, name: 'Assignments', weight: 3, drop_lowest: 0, item_ids: ['i-essay'] },
      { id: QUIZZES, name: 'Quizzes', weight: 1, drop_lowest: 1, item_ids: ['i-q1', 'i-q2'] },
    ],
    items: [
      item('i-q1', 'Quiz 1', QUIZZES),
      item('i-project', 'Project', null, { kind: 'assignment', btec: true }),
      item('i-essay', 'Essay', ASSIGNMENTS, { kind: 'assignment' }),
      item('i-q2', 'Quiz 2', QUIZZES),
    ],
    rows: [
      {
        ...row('u1', 'Amina Otieno'),
        cells: [
          {
            item_id: 'i-q1',
            percent: 83.333,
            points: 5,
            max_points: 6,
            btec_grade: null,
            status: 'graded',
            override: null,
          },
          {
            item_id: 'i-q2',
            percent: 90,
            points: 3,
            max_points: 6,
            btec_grade: null,
            status: 'graded',
            override: { percent: 90, reason: 'Marked, "late" by agreement', set_at: '2026-12-01T10:00:00Z' },
          },
          {
            item_id: 'i-essay',
            percent: null,
            points: null,
            max_points: null,
            btec_grade: null,
            status: 'missing',
            override: null,
          },
          {
            item_id: 'i-project',
            percent: null,
            points: null,
            max_points: null,
            btec_grade: 'Merit',
            status: 'graded',
            override: null,
          },
        ],
        categories: [
          { category_id: ASSIGNMENTS, percent: 0 },
          { category_id: QUIZZES, percent: 90 },
        ],
        total: 22.5,
        total_override: { percent: 80, reason: 'Appeal upheld', set_at: '2026-12-02T10:00:00Z' },
        attendance: { attended: 3, booked: 4 },
      },
      { ...row('u2', '=HYPERLINK("http://x")'), attendance: { attended: 0, booked: 1 } },
    ],
    can_edit: true,
    can_override: true,
  }
}
