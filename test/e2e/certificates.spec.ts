import { expect, test } from '@playwright/test'
import {
  addTrueQuestion,
  courseWithLessons,
  newQuiz,
  openAs,
  publishSettings,
  submitAttempt,
} from './support.ts'

// Completion and certificates (issue 16), as the people who use them: Grace makes a short course
// where only a quiz counts, Kevin passes the quiz, the course page tells him he has completed it and
// gives him his certificate; anyone (signed out) checks it on the verification page by its link.

const GRACE = 'instructor1@demo.kipindi.test'
const KEVIN = 'student1@demo.kipindi.test'

test('a student completes a course, gets a certificate, and anyone can verify it', async ({ browser }) => {
  test.setTimeout(120_000)
  const title = `Reading clocks ${Date.now().toString(36)}`
  const grace = await openAs(browser, GRACE)
  const { courseUrl } = await courseWithLessons(grace, title, [])

  // Only quizzes and assignments count in this course.
  await grace.goto(`${courseUrl}/certificates`)
  await grace.getByRole('switch', { name: 'Every published lesson marked done' }).uncheck()
  await grace.getByRole('button', { name: 'Save rules' }).click()
  await expect(grace.getByText('Completion rules saved')).toBeVisible()

  const quiz = `Clock check ${Date.now().toString(36)}`
  await grace.goto(courseUrl)
  await newQuiz(grace, quiz)
  await addTrueQuestion(grace, 'The long hand shows the minutes.')
  await publishSettings(grace)

  const kevin = await openAs(browser, KEVIN, 375)
  await kevin.goto(courseUrl)
  await expect(kevin.getByRole('progressbar', { name: `Progress through ${title}` })).toBeVisible()
  await kevin.getByRole('link', { name: quiz }).click()
  await kevin.getByRole('button', { name: 'Start quiz' }).click()
  await kevin.getByRole('radio', { name: 'True' }).check()
  await expect(kevin.getByText('1 of 1 answered').first()).toBeVisible()
  await submitAttempt(kevin)
  await expect(kevin.getByText('Your score: 1 of 1')).toBeVisible()

  await kevin.goto(courseUrl)
  await expect(kevin.getByText('You have completed this course.')).toBeVisible()
  await kevin.getByRole('button', { name: 'Get certificate' }).click()
  await expect(kevin.getByText('Your certificate is ready')).toBeVisible()
  const verifyLink = kevin.getByRole('link', { name: 'Verification page' }).first()
  const href = await verifyLink.getAttribute('href')
  expect(href).toMatch(/\/verify\/[A-Z0-9-]+$/)

  // Anyone, signed out, checks it by the link printed on the PDF.
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } })
  const anyone = await context.newPage()
  await anyone.goto(href!)
  const verdict = anyone.getByRole('status').filter({ hasText: 'Valid certificate' })
  await expect(verdict).toBeVisible()
  await expect(verdict.getByRole('definition').filter({ hasText: 'Kevin Mwangi' })).toBeVisible()
  await expect(verdict.getByRole('definition').filter({ hasText: title })).toBeVisible()
  await anyone.goto('/verify/ABCD-EFGH-JKLM')
  await expect(anyone.getByRole('status').filter({ hasText: 'No certificate has this code' })).toBeVisible()
  await context.close()
})
