import { expect, test } from '@playwright/test'
import { freshPhone, onSchoolClock, signIn, signInByPhone } from './support.ts'

// An admin imports a class list with one bad row (sees the error, imports the rest into a new class
// of their own: two emails invited, one pupil with only a phone number given an account), puts Kevin
// Mwangi in that class, enrols the class in a course they create (the class page then lists it, with
// its gradebook for this class) and books it into a session; the pupil then signs in with the number
// and a texted code. The class, course, emails and number are unique to this run; no demo data is
// changed otherwise.

test('an admin imports students into a class, adds Kevin and enrols the class in a course', async ({
  page,
  browser,
}) => {
  test.info().setTimeout(120_000)
  const stamp = Date.now().toString(36)
  const className = `E2E Class ${stamp}`
  const courseTitle = `E2E Class Course ${stamp}`
  const asha = `asha.${stamp}@e2e.kipindi.test`
  const juma = `juma.${stamp}@e2e.kipindi.test`
  const wanjiru = freshPhone()
  await signIn(page, 'admin@demo.kipindi.test')
  await page.waitForURL(/\/(t|app)\b/)

  await page.goto('/t/demo-academy/members')
  const importer = page.locator('section#import')
  await importer
    .getByLabel('Paste the class list')
    .fill(
      `name;email;grade;class\nAsha Test;${asha};7;${className}\nBad Row;not-an-email;7;${className}\n` +
        `Juma Test;${juma};7;${className}\nWanjiru Test;${wanjiru.typed};7;${className}\n`,
    )
  await importer.getByRole('button', { name: 'Check the list' }).click()
  const table = importer.getByRole('table', { name: 'Rows of the list and what the import does with each' })
  const bad = table.getByRole('row').filter({ hasText: 'not-an-email' })
  await expect(bad.getByRole('cell', { name: 'Not a valid email' })).toBeVisible()
  await expect(table.getByRole('row').filter({ hasText: asha })).toContainText('Will be invited')
  await expect(table.getByRole('row').filter({ hasText: wanjiru.typed })).toContainText(
    'Gets an account: signs in by phone',
  )
  await expect(
    importer.getByText(
      '2 to invite by email, 1 to sign in by phone, 0 already invited, 1 with errors (left out).',
    ),
  ).toBeVisible()
  await importer.getByRole('button', { name: 'Import 3 students' }).click()
  await expect(importer.getByText('Import finished')).toBeVisible()
  await expect(
    importer.getByText(
      /^2 invited, 1 accounts made for phone numbers, 0 already invited, 3 placed in a class, 1 classes created, 1 rows left out\.$/,
    ),
  ).toBeVisible()
  await expect(importer.getByText(/sign in at http.*\/signin\/phone with their number/)).toBeVisible()

  // The class exists with the two invited students waiting and Wanjiru in it; Kevin joins it.
  await page.getByRole('link', { name: 'Classes' }).first().click()
  await page.getByRole('link', { name: className }).click()
  await expect(page.getByRole('heading', { level: 1, name: className })).toBeVisible()
  await expect(page.getByText(asha)).toBeVisible()
  await expect(page.getByText(juma)).toBeVisible()
  await page.getByLabel('Find a student').fill('Kevin')
  await page.getByRole('button', { name: 'Add Kevin Mwangi' }).click()
  const students = page.getByRole('table', { name: 'Students' })
  await expect(students.getByRole('rowheader', { name: 'Kevin Mwangi' })).toBeVisible()
  await expect(students.getByRole('rowheader', { name: 'Wanjiru Test' })).toBeVisible()

  // A course of their own, then the whole class enrolled in it in one step.
  const classUrl = page.url()
  await page.goto('/t/demo-academy/courses/new')
  await page.getByLabel('Title').fill(courseTitle)
  await page.getByLabel('Level', { exact: true }).selectOption('Grade 7')
  await page.getByLabel('Learning area', { exact: true }).selectOption('Mathematics')
  await page.getByRole('button', { name: 'Create course' }).click()
  await expect(page.getByRole('heading', { level: 1, name: courseTitle })).toBeVisible()
  await page.goto(classUrl)
  await page.getByLabel('Course', { exact: true }).selectOption({ label: courseTitle })
  await page.getByRole('button', { name: 'Enrol class' }).click()
  const enrol = page.getByRole('region', { name: 'Enrol class in a course' })
  await expect(enrol.getByRole('status')).toHaveText('2 enrolled now, 0 already were.')
  // The class page lists the course; its gradebook opens showing only this class.
  const course = page
    .getByRole('region', { name: 'Courses', exact: true })
    .getByRole('listitem')
    .filter({ hasText: courseTitle })
  await expect(course.getByText('2 of 2 students enrolled')).toBeVisible()
  await course.getByRole('link', { name: 'Grades for this class' }).click()
  await expect(page).toHaveURL(/\/gradebook\?class=/)
  await expect(page.getByRole('combobox', { name: 'Class' })).toHaveValue(/[0-9a-f-]{36}/)
  await expect(page.getByText('Nothing to grade yet')).toBeVisible()

  // A session of their own tomorrow, and the whole class booked into it in one step.
  const session = `E2E Class Session ${stamp}`
  const tomorrow = onSchoolClock(24 * 60)
  await page.goto('/t/demo-academy/sessions')
  await page.getByRole('button', { name: 'New session' }).click()
  await page.getByLabel('Title').fill(session)
  await page.getByLabel('Date').fill(tomorrow.date)
  await page.getByLabel('Start time').fill('09:00')
  await page.getByLabel('Small group').check()
  await page.getByLabel('Seats').fill('4')
  await page.getByRole('button', { name: 'Schedule session' }).click()
  await expect(page.getByRole('heading', { level: 1, name: session })).toBeVisible()
  await page.getByLabel('Book a class').selectOption({ label: className })
  await page.getByRole('button', { name: 'Book the class' }).click()
  await expect(page.getByText('2 seats booked; 0 already had one.')).toBeVisible()
  await expect(page.getByRole('list', { name: 'Bookings' })).toContainText('Kevin Mwangi')

  // Wanjiru signs in with the number from the class list and lands on her home in the school.
  const pupil = await browser.newContext()
  const pupilPage = await pupil.newPage()
  await signInByPhone(pupilPage, wanjiru.typed, wanjiru.e164)
  await expect(pupilPage.getByRole('heading', { level: 1, name: /Wanjiru Test/ })).toBeVisible()
  await pupil.close()
})
