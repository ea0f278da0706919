import path from 'node:path'
import { expect, test } from '@playwright/test'
import { addTrueQuestion, fitsViewport, newQuiz, openAs, publishSettings, submitAttempt } from './support.ts'

// Assessments (issue 16), as the people who use them: Grace builds a quiz in her Science course and
// publishes it; Lucy takes it on a 375 px phone (answers saved as she goes, a reload loses nothing)
// and sees her score; Grace sees it in the results. Then an assignment graded against a BTEC rubric:
// Lucy hands in her work, Grace grades it from the keyboard and releases it, Lucy sees Merit.

const SCHOOL = '/t/demo-academy'
const SCIENCE = `${SCHOOL}/courses/40000000-0000-4000-a000-000000000001`
const GRACE = 'instructor1@demo.kipindi.test'
const LUCY = 'student2@demo.kipindi.test'
const SHOTS = process.env.ASSESSMENT_SHOTS ?? 'test-results/assessment-shots'
const SCRIPT_PHOTO = path.join(import.meta.dirname, '../fixtures/ocr/script.png')

test('a teacher builds a quiz; a student takes it on a phone and sees her score; the teacher sees the result', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const title = `Plants check ${Date.now().toString(36)}`
  const grace = await openAs(browser, GRACE)
  await grace.goto(SCIENCE)
  await newQuiz(grace, title)

  // One correct option.
  await grace.getByRole('button', { name: 'Add a question' }).click()
  await grace.getByLabel('Question', { exact: true }).fill('Where does photosynthesis happen?')
  await grace.getByLabel('Option 1', { exact: true }).fill('In the roots')
  await grace.getByLabel('Option 2', { exact: true }).fill('In the leaves')
  await grace.getByLabel('Option 2 is correct').check()
  await grace.getByRole('button', { name: 'Save question' }).click()
  await expect(grace.getByText('Question added')).toBeVisible()
  await addTrueQuestion(grace, 'Plants need sunlight to make food.')
  await publishSettings(grace)

  const lucy = await openAs(browser, LUCY, 375)
  await lucy.goto(SCIENCE)
  await lucy.getByRole('link', { name: title }).click()
  await lucy.getByRole('button', { name: 'Start quiz' }).click()
  await expect(lucy.getByText('Where does photosynthesis happen?')).toBeVisible()
  await lucy.getByRole('radio', { name: 'In the leaves' }).check()
  await expect(lucy.getByText('Saved').first()).toBeVisible()
  // A reload keeps what she saved.
  await lucy.reload()
  await expect(lucy.getByRole('radio', { name: 'In the leaves' })).toBeChecked()
  await lucy
    .getByRole('group', { name: /Plants need sunlight/ })
    .getByRole('radio', { name: 'True' })
    .check()
  await expect(lucy.getByText('2 of 2 answered').first()).toBeVisible()
  expect(await fitsViewport(lucy)).toBe(true)
  await lucy.screenshot({ path: `${SHOTS}/attempt-375.png`, fullPage: true })
  await submitAttempt(lucy)
  await expect(lucy.getByText('Your score: 2 of 2')).toBeVisible()
  await lucy.screenshot({ path: `${SHOTS}/result-375.png`, fullPage: true })

  await grace.getByRole('link', { name: 'Results' }).first().click()
  await expect(grace.getByRole('cell', { name: 'Lucy Wambui' })).toBeVisible()
  await expect(grace.getByRole('cell', { name: '2 of 2' })).toBeVisible()
})

test('an assignment graded against a BTEC rubric: hand in, grade from the keyboard, release, see Merit', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const stamp = Date.now().toString(36)
  const rubric = `Unit 3: Living things ${stamp}`
  const title = `Plant cell report ${stamp}`
  const grace = await openAs(browser, GRACE)

  // The school's BTEC rubric: P1, M1 and D1 to start with.
  await grace.goto(`${SCHOOL}/rubrics`)
  await grace.getByRole('button', { name: 'New BTEC rubric' }).click()
  await grace.getByLabel('Name', { exact: true }).fill(rubric)
  const criteria = grace.getByLabel('What the student must do')
  await criteria.nth(0).fill('Describe the parts of a plant cell.')
  await criteria.nth(1).fill('Explain what each part does.')
  await criteria.nth(2).fill('Compare plant and animal cells.')
  await grace.getByRole('button', { name: 'Create rubric' }).click()
  await expect(grace.getByText('Rubric created')).toBeVisible()

  // The assignment in Science, graded with it, published.
  await grace.goto(SCIENCE)
  await grace.getByRole('button', { name: 'New assignment' }).click()
  await grace.getByRole('dialog').getByLabel('Title').fill(title)
  await grace.getByRole('button', { name: 'Create and set up' }).click()
  await expect(grace.getByRole('heading', { name: 'Assignment settings' })).toBeVisible()
  await grace.getByLabel('Instructions').fill('Draw a plant cell, label it and say what each part does.')
  await grace.getByLabel('Rubric').selectOption({ label: `${rubric} (BTEC)` })
  await publishSettings(grace)

  // Lucy hands in on her phone.
  const lucy = await openAs(browser, LUCY, 375)
  await lucy.goto(SCIENCE)
  await lucy.getByRole('link', { name: title }).click()
  await expect(lucy.getByText('Describe the parts of a plant cell.')).toBeVisible()
  await lucy
    .getByLabel('Your answer')
    .fill('The cell wall keeps the shape; chloroplasts make food; the vacuole stores water.')
  // …and a photo of her handwritten page, which the school's OCR reads for the teacher.
  await lucy.getByTestId('attach-input').setInputFiles(SCRIPT_PHOTO)
  await expect(lucy.getByText('script.png')).toBeVisible()
  await lucy.getByRole('button', { name: 'Submit', exact: true }).click()
  await expect(lucy.getByText('Version 1 is in.')).toBeVisible()
  expect(await fitsViewport(lucy)).toBe(true)
  await lucy.screenshot({ path: `${SHOTS}/submitted-375.png`, fullPage: true })

  // Grace grades: P1 and M1 achieved, D1 not yet, from the keyboard; then releases.
  await grace.goto(SCIENCE)
  await grace.getByRole('link', { name: `Submissions to ${title}` }).click()
  await grace.getByRole('link', { name: 'Grade the submission of Lucy Wambui' }).click()
  await expect(grace.getByText('chloroplasts make food')).toBeVisible()
  // The photo beside the text OCR read from it (a background job; progress shows while it runs).
  await expect(grace.getByRole('heading', { name: 'Text of the scanned pages' })).toBeVisible()
  await expect(grace.getByLabel('Text of page 1 (script.png)')).toHaveValue(/photosynthesis/i, {
    timeout: 60_000,
  })
  await grace.getByRole('radio', { name: 'Achieved' }).first().check()
  await grace.getByRole('radio', { name: 'Achieved' }).nth(1).check()
  await grace.getByRole('radio', { name: 'Not yet' }).nth(2).check()
  await grace
    .getByLabel('Overall feedback')
    .fill('Clear labels. Compare with an animal cell for a Distinction.')
  await expect(grace.getByText('Merit').first()).toBeVisible()
  await grace.keyboard.press('Control+Enter')
  await expect(grace.getByText('Grade saved')).toBeVisible()
  await grace.screenshot({ path: `${SHOTS}/grading-1280.png`, fullPage: true })
  await grace.getByRole('link', { name: 'All submissions' }).click()
  await grace.getByRole('button', { name: 'Release grades' }).click()
  await grace
    .getByRole('alertdialog')
    .or(grace.getByRole('dialog'))
    .getByRole('button', { name: 'Release grades' })
    .click()
  await expect(grace.getByText('Grades released').first()).toBeVisible()

  await lucy.reload()
  await expect(lucy.getByText('Merit').first()).toBeVisible()
  await expect(lucy.getByText('Compare with an animal cell for a Distinction.')).toBeVisible()
  await lucy.screenshot({ path: `${SHOTS}/graded-375.png`, fullPage: true })
})
