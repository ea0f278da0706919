import { type Browser, expect, type Page, test } from '@playwright/test'
import { courseWithLessons, signIn } from './support.ts'

// Live where people wait (issue 12): what used to need a reload arrives by itself — a new version
// of the lesson a student is reading, and a member's new role on the school pages they have open.

const SCHOOL = '/t/demo-academy'
const FIRST = 'The short hand shows the hour; the long hand shows the minutes.'
const ADDED = 'Quarter past means fifteen minutes after the hour.'

async function openAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

/** Marks the document, so a later check can tell that the page was never reloaded. */
const markDocument = (page: Page) =>
  page.evaluate(() => {
    ;(window as unknown as { kipindiMark?: number }).kipindiMark = 1
  })
const stillSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { kipindiMark?: number }).kipindiMark === 1)

test('a student reading a lesson is offered the version just published, and shows it in place', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const title = `Telling time ${Date.now().toString(36)}`
  const teacher = await openAs(browser, 'instructor1@demo.kipindi.test')
  const { editUrls } = await courseWithLessons(teacher, title, ['Reading a clock'])
  const lessonUrl = editUrls[0].replace(/\/edit$/, '')

  const student = await openAs(browser, 'student1@demo.kipindi.test')
  await student.goto(lessonUrl)
  await expect(student.getByText(FIRST)).toBeVisible()
  await expect(student.getByTestId('published-version')).toContainText('Version 1')
  await markDocument(student)

  // The teacher adds a line and publishes version 2.
  await teacher.goto(editUrls[0])
  await expect(teacher.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible()
  await teacher.locator('.ProseMirror').click()
  await teacher.keyboard.press('Control+End')
  await teacher.keyboard.press('Enter')
  await teacher.keyboard.type(ADDED)
  await teacher.getByRole('button', { name: 'Publish' }).click()
  await teacher.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(teacher.getByText('Published version 2')).toBeVisible()

  // The student is told, politely, and the new text appears only when they ask for it.
  const bar = student.getByRole('status').filter({ hasText: 'A new version of this lesson is published' })
  await expect(bar).toBeVisible()
  await expect(student.getByText(ADDED)).toHaveCount(0)
  await bar.getByRole('button', { name: 'Show it' }).click()
  await expect(student.getByText(ADDED)).toBeVisible()
  await expect(student.getByTestId('published-version')).toContainText('Version 2')
  await expect(bar).toHaveCount(0)
  expect(await stillSameDocument(student)).toBe(true)

  await teacher.context().close()
  await student.context().close()
})

test('a member whose role the owner changes sees their new badge, tabs and home without a reload', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const lucy = await openAs(browser, 'student2@demo.kipindi.test')
  await lucy.goto(SCHOOL)
  const badge = lucy.locator('main .badge').first()
  await expect(badge).toHaveText('Student')
  await expect(lucy.getByRole('heading', { name: 'Your next sessions' })).toBeVisible()
  await markDocument(lucy)

  const owner = await openAs(browser, 'owner@demo.kipindi.test')
  await owner.goto(`${SCHOOL}/members`)
  const setRole = async (role: string) => {
    const select = owner.getByRole('combobox', { name: 'Access level for Lucy Wambui' })
    await select.selectOption({ label: role })
    await expect(
      owner.getByText(`Lucy Wambui is now a${role === 'Instructor' ? 'n' : ''} ${role.toLowerCase()}.`),
    ).toBeVisible()
    await expect(select).toHaveValue(role.toLowerCase())
  }

  await setRole('Instructor')
  await expect(badge).toHaveText('Instructor')
  await expect(lucy.getByRole('heading', { name: 'Your courses' })).toBeVisible()
  await expect(lucy.getByRole('heading', { name: 'Your next sessions' })).toHaveCount(0)

  await setRole('Student')
  await expect(badge).toHaveText('Student')
  await expect(lucy.getByRole('heading', { name: 'Your next sessions' })).toBeVisible()
  expect(await stillSameDocument(lucy)).toBe(true)

  await owner.context().close()
  await lucy.context().close()
})
