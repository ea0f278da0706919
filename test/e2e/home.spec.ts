import { expect, test } from '@playwright/test'
import { courseWithLessons, fitsViewport, signIn } from './support.ts'

// What each person sees first, and a student's daily path: home → continue → mark as done → next.

const SCHOOL = '/t/demo-academy'
const PHONE = { width: 375, height: 740 }

test('a student continues a course from their home, marks lessons done, and the home follows', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const course = `Fractions ${Date.now().toString(36)}`
  const teacher = await browser.newContext()
  const authoring = await teacher.newPage()
  await signIn(authoring, 'instructor1@demo.kipindi.test')
  await courseWithLessons(authoring, course, ['Halves and quarters', 'Adding fractions'])
  await teacher.close()

  const context = await browser.newContext({ viewport: PHONE })
  const page = await context.newPage()
  await signIn(page, 'student1@demo.kipindi.test')
  await page.goto(SCHOOL)
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Kevin Mwangi' })).toBeVisible()
  const card = page.getByTestId('home-course').filter({ hasText: course })
  await expect(card.getByText('0 of 2 lessons done')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Your next sessions' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Your questions to the school' })).toBeVisible()
  expect(await fitsViewport(page)).toBe(true)

  await card.getByRole('link', { name: 'Start: Halves and quarters' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Halves and quarters' })).toBeVisible()
  const done = page.getByRole('button', { name: 'Mark as done' })
  await done.click()
  await expect(done).toHaveAttribute('aria-pressed', 'true')
  await page.getByRole('link', { name: 'Next: Adding fractions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Adding fractions' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Previous: Halves and quarters' })).toBeVisible()

  await page.goto(SCHOOL)
  await expect(card.getByText('1 of 2 lessons done')).toBeVisible()
  await card.getByRole('link', { name: 'Continue: Adding fractions' }).click()
  await done.click()
  await expect(done).toHaveAttribute('aria-pressed', 'true')
  await page.goto(SCHOOL)
  await expect(card.getByText('All lessons done')).toBeVisible()

  // Marked done by mistake: pressing Done again undoes it, and the home follows.
  await page.goBack()
  await expect(done).toHaveAttribute('aria-pressed', 'true')
  await done.click()
  await expect(done).toHaveAttribute('aria-pressed', 'false')
  await page.goto(SCHOOL)
  await expect(card.getByText('1 of 2 lessons done')).toBeVisible()
  await context.close()
})

test('the school sections are all in the phone menu', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE })
  const page = await context.newPage()
  await signIn(page, 'student1@demo.kipindi.test')
  await page.goto(`${SCHOOL}/courses`)
  await page.getByRole('button', { name: 'Open menu' }).click()
  const drawer = page.getByRole('dialog', { name: 'Menu' })
  for (const name of ['Overview', 'Courses', 'Sessions', 'Members', 'Support'])
    await expect(drawer.getByRole('link', { name, exact: true })).toBeVisible()
  await drawer.getByRole('link', { name: 'Sessions', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${SCHOOL}/sessions$`))
  await context.close()
})

test('the superadmin, in no school, lands on the platform console', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, 'superadmin@kipindi.test')
  await page.goto('/app')
  await expect(page).toHaveURL(/\/admin$/)
  await context.close()
})

test('each role lands on a home of its own', async ({ browser }) => {
  test.setTimeout(90_000)
  const context = await browser.newContext()
  const page = await context.newPage()
  const home = async (email: string) => {
    await context.clearCookies()
    await page.goto('/')
    await page.evaluate(() => localStorage.clear())
    await signIn(page, email)
    await page.goto(SCHOOL)
  }

  // A teacher: their drafts (the demo's "Specialised cells" was never published) and their courses.
  await home('instructor1@demo.kipindi.test')
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Grace Njeri' })).toBeVisible()
  await expect(page.getByTestId('home-draft').filter({ hasText: 'Specialised cells' })).toBeVisible()
  await expect(
    page.getByTestId('home-teacher-course').filter({ hasText: 'Grade 7 Integrated Science' }),
  ).toBeVisible()

  // Support staff: the queue in figures, each opening the queue filtered.
  await home('staff@demo.kipindi.test')
  await expect(page.getByRole('heading', { name: 'The queue' })).toBeVisible()
  await page.getByTestId('stat-tile').filter({ hasText: 'Unassigned' }).click()
  await expect(page).toHaveURL(/\/support\?assignee=none$/)

  // The owner: the school's week, and the way to the members.
  await home('owner@demo.kipindi.test')
  await expect(page.getByRole('heading', { name: 'This week' })).toBeVisible()
  await page.getByTestId('stat-tile').filter({ hasText: 'Members' }).click()
  await expect(page).toHaveURL(/\/members$/)

  // A parent (Peter, linked to Kevin in the demo): the child, and the way to his progress.
  await home('parent@demo.kipindi.test')
  await page.getByRole('link', { name: 'Progress of Kevin Mwangi' }).click()
  await expect(page).toHaveURL(/\/children\/00000000-0000-4000-a000-000000000007$/)
  await expect(page.getByRole('heading', { level: 2, name: 'Kevin Mwangi', exact: true })).toBeVisible()
  await context.close()
})

test('a person chooses where each kind of notification reaches them, and the choice stays', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: PHONE })
  const page = await context.newPage()
  await signIn(page, 'student2@demo.kipindi.test')
  await page.goto('/account')
  const moved = page.getByTestId('notification-setting-session_rescheduled')
  await expect(moved.getByText('A session I booked moves to another time')).toBeVisible()
  // A student is never given tickets or bookings: those settings are not offered.
  await expect(page.getByTestId('notification-setting-ticket_assigned')).toHaveCount(0)
  const email = moved.getByRole('switch', { name: 'By email' })
  await expect(email).toBeChecked()
  await email.click()
  await expect(email).not.toBeChecked()
  await page.reload()
  // The same locator finds the switch on the reloaded page: the choice was saved.
  await expect(email).not.toBeChecked()
  await email.click()
  await expect(email).toBeChecked()
  await context.close()
})
