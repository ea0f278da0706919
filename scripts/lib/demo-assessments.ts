// The demo school's assessments (issue 16), seeded by `npm start` with the rest of the demo: in
// Grace's Science course a published quiz (the four kinds a class meets most) and a BTEC-graded
// assignment with two typed submissions — Kevin's, and Lucy's, which copies one of his paragraphs —
// so the grading page, its AI suggestions and the similarity check have something to show.
// Questions go through the API's own storeQuestion (options with ids, the key kept apart).
import type postgres from 'postgres'
import { storeQuestion } from '../../edge/api/quizzes/question-key.ts'
import type { QuestionBody } from '../../edge/contract/assessments.ts'

const SCHOOL = '10000000-0000-4000-a000-000000000001'
const SCIENCE = '40000000-0000-4000-a000-000000000001'
const GRACE = '00000000-0000-4000-a000-000000000004'
const KEVIN = '00000000-0000-4000-a000-000000000007'
const LUCY = '00000000-0000-4000-a000-000000000008'
/** Module 2, Living Things and Their Environment: both sit in it, after its lessons. */
const LIVING_THINGS = '41000000-0000-4000-a000-000000000002'
const QUIZ = '43000000-0000-4000-a000-000000000001'
const RUBRIC = '43000000-0000-4000-a000-000000000002'
const ASSIGNMENT = '43000000-0000-4000-a000-000000000003'

const QUESTIONS: QuestionBody[] = [
  {
    kind: 'single',
    prompt: 'Which part of a plant cell makes food?',
    points: 1,
    options: [{ text: 'The cell wall' }, { text: 'The chloroplast' }, { text: 'The vacuole' }],
    correct: 1,
    feedback: 'Chloroplasts hold chlorophyll, which traps sunlight to make food.',
  },
  {
    kind: 'true_false',
    prompt: 'Animal cells have a cell wall.',
    points: 1,
    correct: false,
    feedback: 'Only plant cells have a cell wall; animal cells have a cell membrane alone.',
  },
  {
    kind: 'short',
    prompt: 'Name the process by which green plants make food using sunlight.',
    points: 2,
    accepted: ['photosynthesis'],
    feedback: 'Photosynthesis: light energy, water and carbon dioxide make glucose and oxygen.',
  },
  {
    kind: 'numeric',
    prompt: 'A bean seedling grew from 4 cm to 10 cm in one week. How many centimetres did it grow?',
    points: 1,
    correct: 6,
    tolerance: 0,
    feedback: '10 cm − 4 cm = 6 cm.',
  },
]

const KEVIN_TEXT = `A plant cell has a cell wall, a cell membrane, cytoplasm, a nucleus, chloroplasts and a large vacuole.

The cell wall is made of cellulose and keeps the cell firm so the plant can stand upright. The chloroplasts contain chlorophyll which traps sunlight so the plant can make its own food by photosynthesis.

The vacuole stores water and dissolved substances, and the nucleus controls everything the cell does. An animal cell has no cell wall, no chloroplasts and only small vacuoles.`

const LUCY_TEXT = `In my drawing the plant cell has a thick wall on the outside and green chloroplasts inside.

The cell wall is made of cellulose and keeps the cell firm so the plant can stand upright. The chloroplasts contain chlorophyll which traps sunlight so the plant can make its own food by photosynthesis.

The nucleus is like the head teacher of the cell because it gives the instructions.`

/** Seeds the demo quiz and assignment unless they exist. Answers how many it wrote (0 or 2). */
export async function seedDemoAssessments(sql: postgres.Sql): Promise<number> {
  return sql.begin(async (tx) => {
    const [done] = await tx`select 1 from public.quizzes where id = ${QUIZ}`
    const [course] = await tx`select 1 from public.courses where id = ${SCIENCE}`
    if (done || !course) return 0
    await tx`select set_config('request.jwt.claim.sub', ${GRACE}, true)`
    await seedQuiz(tx)
    await seedAssignment(tx)
    await tx`select set_config('request.jwt.claim.sub', '', true)`
    return 2
  })
}

async function seedQuiz(tx: postgres.TransactionSql) {
  await tx`insert into public.quizzes (id, course_id, module_id, position, title, instructions, time_limit_minutes,
      max_attempts, published_at, created_by)
    values (${QUIZ}, ${SCIENCE}, ${LIVING_THINGS}, 0, 'Cells and plants: check your understanding',
      'Four short questions on plant cells. You have 15 minutes and two attempts; your best score counts.',
      15, 2, now() - interval '3 days', ${GRACE})`
  for (const [position, body] of QUESTIONS.entries()) {
    const { stored, issues } = storeQuestion(body)
    if (issues.length) throw new Error(`demo question ${position + 1}: ${issues[0]?.message}`)
    const [q] = await tx<{ id: string }[]>`
      insert into public.quiz_questions (quiz_id, course_id, position, kind, prompt, points, options)
      values (${QUIZ}, ${SCIENCE}, ${position}, ${body.kind}, ${body.prompt}, ${body.points},
              ${tx.json(stored.options as never)})
      returning id`
    await tx`insert into public.quiz_answer_keys (question_id, course_id, key, feedback)
      values (${q?.id as string}, ${SCIENCE}, ${tx.json(stored.key as never)}, ${stored.feedback})`
  }
}

async function seedAssignment(tx: postgres.TransactionSql) {
  const criteria = [
    { id: 'p1', code: 'P1', description: 'Name the parts of a plant cell.' },
    { id: 'p2', code: 'P2', description: 'Say what the cell wall and the chloroplasts do.' },
    { id: 'm1', code: 'M1', description: 'Explain how the nucleus and the vacuole help the cell.' },
    { id: 'd1', code: 'D1', description: 'Compare a plant cell with an animal cell.' },
  ]
  await tx`insert into public.rubrics (id, tenant_id, kind, title, criteria, created_by)
    values (${RUBRIC}, ${SCHOOL}, 'btec', 'Grade 7 Science: cells', ${tx.json(criteria)}, ${GRACE})`
  await tx`insert into public.assignments (id, course_id, module_id, position, title, instructions, due_at,
      late_policy, late_penalty_percent, rubric_id, published_at, created_by)
    values (${ASSIGNMENT}, ${SCIENCE}, ${LIVING_THINGS}, 1, 'Plant cell report',
      'Draw a plant cell and label its parts. Then write what each part does, and how a plant cell differs from an animal cell. Type your report or hand in a photo of your page.',
      now() + interval '7 days', 'accept', 10, ${RUBRIC}, now() - interval '2 days', ${GRACE})`
  for (const [student, body] of [
    [KEVIN, KEVIN_TEXT],
    [LUCY, LUCY_TEXT],
  ] as const) {
    await tx`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, body)
      values (${ASSIGNMENT}, ${SCIENCE}, ${SCHOOL}, ${student}, ${body})`
  }
}
