import { expect, type Page, test } from '@playwright/test'
import {
  addTrueQuestion,
  axeViolations,
  newQuiz,
  openAs,
  publishSettings,
  submitAttempt,
  uniqueEmail,
} from './support.ts'

// Parents (issue 17): Kevin invites his parent from his account page, the school's admin invites the
// same parent for Lucy from the members page; the parent signs up from the first link, accepts both,
// sees Kevin's progress and his released quiz score, and switches between the two children. The
// parent is a new person each run; the demo parent (parent@) stays unlinked for the home spec.

const SCHOOL = '/t/demo-academy'
const SCIENCE = `${SCHOOL}/courses/40000000-0000-4000-a000-000000000001`

/** The one-time link shown after sending a guardian invitation. */
async function sentLink(page: Page): Promise<string> {
  const link = page.getByTestId('guardian-invite-url')
  await expect(link).toContainText('/guardian-invite/')
  return new URL((await link.textContent()) ?? '').pathname
}

test('a student and an admin invite a parent, who accepts, sees the progress and grades, and switches children', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const stamp = Date.now().toString(36)
  const quiz = `Parents check ${stamp}`
  const parentEmail = uniqueEmail('mzazi')

  // Grace publishes a one-question quiz in Science (results on submit); Kevin takes it.
  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  await grace.goto(SCIENCE)
  await newQuiz(grace, quiz)
  await addTrueQuestion(grace, 'Leaves make food for the plant.')
  await publishSettings(grace)

  const kevin = await openAs(browser, 'student1@demo.kipindi.test')
  await kevin.goto(SCIENCE)
  await kevin.getByRole('link', { name: quiz }).click()
  await kevin.getByRole('button', { name: 'Start quiz' }).click()
  await kevin.getByRole('radio', { name: 'True' }).check()
  await expect(kevin.getByText('Saved').first()).toBeVisible()
  await submitAttempt(kevin)
  await expect(kevin.getByText('Your score: 1 of 1')).toBeVisible()

  // Kevin invites his parent from his account page.
  await kevin.goto('/account')
  const section = kevin.getByRole('region', { name: 'Parents and guardians' })
  await section.getByLabel('Parent’s email').fill(parentEmail)
  await section.getByRole('button', { name: 'Send invitation' }).click()
  const forKevin = await sentLink(kevin)
  await expect(section.getByText('Waiting')).toBeVisible()

  // The admin invites the same parent for Lucy from her row on the members page.
  const admin = await openAs(browser, 'admin@demo.kipindi.test')
  await admin.goto(`${SCHOOL}/members?q=student2%40demo`)
  await admin.getByRole('button', { name: 'Children and parents of Lucy Wambui' }).click()
  const dialog = admin.getByRole('dialog')
  await dialog.getByLabel('Parent’s email').fill(parentEmail)
  await dialog.getByRole('button', { name: 'Send invitation' }).click()
  const forLucy = await sentLink(admin)

  // The parent opens Kevin's link, creates an account and accepts.
  const parentContext = await browser.newContext()
  const parent = await parentContext.newPage()
  await parent.goto(forKevin)
  await expect(parent.getByRole('heading', { level: 1, name: 'Kevin Mwangi' })).toBeVisible()
  await parent.getByRole('link', { name: 'Create an account' }).click()
  await parent.getByLabel('Display name').fill('Mama Kevin')
  await expect(parent.getByLabel('Email', { exact: true })).toHaveValue(parentEmail)
  await parent.getByLabel('Password', { exact: true }).fill('mzazi-pass-2026')
  await parent.getByRole('button', { name: 'Sign up' }).click()
  await parent.getByRole('button', { name: 'Accept and follow Kevin Mwangi' }).click()
  await expect(parent).toHaveURL(/\/t\/demo-academy\/children\/[0-9a-f-]{36}$/)

  // Kevin's page: his Science progress and the released quiz score.
  await expect(parent.getByRole('heading', { level: 2, name: 'Kevin Mwangi', exact: true })).toBeVisible()
  const courses = parent.getByRole('region', { name: 'Courses and progress' })
  await expect(courses.getByRole('heading', { name: 'Grade 7 Integrated Science' })).toBeVisible()
  await expect(
    courses.getByRole('progressbar', { name: 'Progress in Grade 7 Integrated Science' }),
  ).toBeVisible()
  const grades = parent.getByRole('region', { name: 'Released grades' })
  await expect(grades.getByRole('row', { name: new RegExp(quiz) })).toContainText('1 / 1')

  // Lucy's link, as the same signed-in parent: now two children and a switcher.
  await parent.goto(forLucy)
  await parent.getByRole('button', { name: 'Accept and follow Lucy Wambui' }).click()
  await expect(parent.getByRole('heading', { level: 2, name: 'Lucy Wambui', exact: true })).toBeVisible()
  const switcher = parent.getByRole('navigation', { name: 'Your children' })
  await expect(switcher.getByRole('link', { name: 'Lucy Wambui' })).toHaveAttribute('aria-current', 'page')
  await expect(parent.getByRole('region', { name: 'Released grades' }).getByText(quiz)).toHaveCount(0)

  await switcher.getByRole('link', { name: 'Kevin Mwangi' }).click()
  await expect(parent.getByRole('heading', { level: 2, name: 'Kevin Mwangi', exact: true })).toBeVisible()
  await expect(switcher.getByRole('link', { name: 'Kevin Mwangi' })).toHaveAttribute('aria-current', 'page')
  await expect(parent.getByRole('region', { name: 'Released grades' }).getByText(quiz)).toBeVisible()
  expect(await axeViolations(parent, 'child page')).toEqual([])

  // The parent's home lists both children with a way to their pages.
  await parent.goto(SCHOOL)
  await expect(parent.getByRole('link', { name: 'Progress of Kevin Mwangi' })).toBeVisible()
  await expect(parent.getByRole('link', { name: 'Progress of Lucy Wambui' })).toBeVisible()
  await parentContext.close()
})
