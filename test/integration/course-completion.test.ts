import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import {
  gradeAssignment,
  markLessons,
  newAssignment,
  newCourse,
  newLesson,
  newQuiz,
  quizResult,
  releaseQuiz,
  setRules,
} from '../support/course-work.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'

// The completion rule, case by case (private.course_progress): every published lesson done (unless
// the rules say lessons do not count) and every published quiz and assignment passed — a quiz by
// its best released result against the pass mark, an assignment by its released grade (points
// against the pass mark, or a BTEC Pass or better). Each case builds its own course.
const sql = testDb(4)
let teacher: TestUser
let student: TestUser
let tenant: string

beforeAll(async () => {
  ;[teacher, student] = [await createUser(sql), await createUser(sql)]
  tenant = (await createTenant(sql, teacher, [[student, 'student']])).id
})
afterAll(() => sql.end())

interface Progress {
  lessons_published: number
  lessons_done: number
  assessments_total: number
  assessments_passed: number
  percent: number
  complete: boolean
}

/** What a case sets up in its fresh course, for the student. */
type Setup = (course: string, me: string) => Promise<void>

const CASES: { name: string; setup: Setup; expect: Progress }[] = [
  {
    name: 'nothing published yet: 0 %, not complete',
    setup: async (c) => {
      await newLesson(sql, c, false)
      await newQuiz(sql, c, { published: false })
    },
    expect: progress(0, 0, 0, 0, 0, false),
  },
  {
    name: 'one of two published lessons done (a draft lesson does not count)',
    setup: async (c, me) => {
      const [l1] = [await newLesson(sql, c), await newLesson(sql, c), await newLesson(sql, c, false)]
      await markLessons(sql, me, [l1 as string])
    },
    expect: progress(2, 1, 0, 0, 50, false),
  },
  {
    name: 'a lesson opened but not marked done is not done',
    setup: async (c, me) => markLessons(sql, me, [await newLesson(sql, c)], false),
    expect: progress(1, 0, 0, 0, 0, false),
  },
  {
    name: 'every published lesson done and nothing to pass: complete',
    setup: async (c, me) => markLessons(sql, me, [await newLesson(sql, c), await newLesson(sql, c)]),
    expect: progress(2, 2, 0, 0, 100, true),
  },
  {
    name: 'a quiz below the pass mark (4 of 10 at 50 %) is not passed',
    setup: async (c, me) => {
      await markLessons(sql, me, [await newLesson(sql, c)])
      await quizResult(sql, await newQuiz(sql, c), me, 4)
    },
    expect: progress(1, 1, 1, 0, 50, false),
  },
  {
    name: 'a quiz passes on its best attempt (4, then 5 of 10), exactly at the mark',
    setup: async (c, me) => {
      await markLessons(sql, me, [await newLesson(sql, c)])
      const quiz = await newQuiz(sql, c)
      await quizResult(sql, quiz, me, 4)
      await quizResult(sql, quiz, me, 5)
    },
    expect: progress(1, 1, 1, 1, 100, true),
  },
  {
    name: 'a quiz released by hand counts only once released',
    setup: async (c, me) => {
      await quizResult(sql, await newQuiz(sql, c, { release: 'manual' }), me, 10)
      const released = await newQuiz(sql, c, { release: 'manual' })
      await quizResult(sql, released, me, 10)
      await releaseQuiz(sql, released)
    },
    expect: progress(0, 0, 2, 1, 50, false),
  },
  {
    name: 'a draft quiz does not count, passed or not',
    setup: async (c, me) => {
      await markLessons(sql, me, [await newLesson(sql, c)])
      await newQuiz(sql, c, { published: false })
    },
    expect: progress(1, 1, 0, 0, 100, true),
  },
  {
    name: 'the course’s own pass mark: 7 of 10 fails at 80 %',
    setup: async (c, me) => {
      await setRules(sql, c, { pass_percent: 80 })
      await quizResult(sql, await newQuiz(sql, c), me, 7)
    },
    expect: progress(0, 0, 1, 0, 0, false),
  },
  {
    name: 'lessons not required: the quizzes and assignments alone decide',
    setup: async (c, me) => {
      await setRules(sql, c, { require_all_lessons: false })
      await newLesson(sql, c)
      await quizResult(sql, await newQuiz(sql, c), me, 10)
    },
    expect: progress(1, 0, 1, 1, 100, true),
  },
  {
    name: 'lessons not required and nothing to pass: never complete',
    setup: async (c) => {
      await setRules(sql, c, { require_all_lessons: false })
      await newLesson(sql, c)
    },
    expect: progress(1, 0, 0, 0, 0, false),
  },
  {
    name: 'an assignment graded at the mark and released passes; one not yet released does not',
    setup: async (c, me) => {
      await gradeAssignment(sql, await newAssignment(sql, c, { maxPoints: 20 }), me, { points: 10 })
      await gradeAssignment(sql, await newAssignment(sql, c, { released: false }), me, { points: 100 })
    },
    expect: progress(0, 0, 2, 1, 50, false),
  },
  {
    name: 'an assignment below the mark, or not submitted, is not passed',
    setup: async (c, me) => {
      await gradeAssignment(sql, await newAssignment(sql, c, { maxPoints: 20 }), me, { points: 9 })
      await newAssignment(sql, c)
    },
    expect: progress(0, 0, 2, 0, 0, false),
  },
  {
    name: 'BTEC: Pass or better passes, Unclassified does not, whatever the pass mark',
    setup: async (c, me) => {
      await setRules(sql, c, { pass_percent: 100 })
      await gradeAssignment(sql, await newAssignment(sql, c, { btec: true }), me, { achieved: ['p1'] })
      await gradeAssignment(sql, await newAssignment(sql, c, { btec: true }), me, { achieved: ['p1', 'm1'] })
      await gradeAssignment(sql, await newAssignment(sql, c, { btec: true }), me, { achieved: ['m1'] })
    },
    expect: progress(0, 0, 3, 2, 66, false),
  },
  {
    name: 'everything together: lessons, a quiz and a BTEC assignment all done',
    setup: async (c, me) => {
      await markLessons(sql, me, [await newLesson(sql, c), await newLesson(sql, c)])
      await quizResult(sql, await newQuiz(sql, c), me, 6)
      await gradeAssignment(sql, await newAssignment(sql, c, { btec: true }), me, { achieved: ['p1'] })
    },
    expect: progress(2, 2, 2, 2, 100, true),
  },
]

function progress(
  lessons_published: number,
  lessons_done: number,
  assessments_total: number,
  assessments_passed: number,
  percent: number,
  complete: boolean,
): Progress {
  return { lessons_published, lessons_done, assessments_total, assessments_passed, percent, complete }
}

describe('the completion rule (private.course_progress)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const course = await newCourse(sql, tenant, teacher.id)
      await sql`insert into public.enrolments (course_id, user_id) values (${course}, ${student.id})`
      await c.setup(course, student.id)
      const [mine] = await withUser(
        sql,
        student.claims,
        (tx) => tx<Progress[]>`select * from private.course_progress(${course}, ${student.id})`,
      )
      expect({ ...mine }).toEqual(c.expect)
      // The teacher sees the same numbers for the student.
      const [theirs] = await withUser(
        sql,
        teacher.claims,
        (tx) => tx<Progress[]>`select * from private.course_progress(${course}, ${student.id})`,
      )
      expect({ ...theirs }).toEqual(c.expect)
    })
  }
})
