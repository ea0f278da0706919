import { expect, type Page, type TestInfo, test } from '@playwright/test'
import { fitsViewport, onSchoolClock, openAs } from './support.ts'

// A tutor edits a session a student booked: a new day, time and length, and a small group instead
// of one-to-one; the student's page follows. A student the tutor removed sees why on the session
// page, and no way in or back (Join, Book) anywhere; their seat is free again.

const SCHOOL = '/t/demo-academy'
const GRACE = 'instructor1@demo.kipindi.test'
const KEVIN = 'student1@demo.kipindi.test'
const PHONE = 375

async function keep(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** Grace schedules a one-to-one through the form; answers the session page's path. */
async function schedule(grace: Page, title: string, start: { date: string; time: string }) {
  await grace.goto(`${SCHOOL}/sessions`)
  await grace.getByRole('button', { name: 'New session' }).click()
  await grace.getByLabel('Title').fill(title)
  await grace.getByLabel('Date').fill(start.date)
  await grace.getByLabel('Start time').fill(start.time)
  await grace.getByRole('button', { name: 'Schedule session' }).click()
  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible()
  return new URL(grace.url()).pathname
}

/** A call to the API as the person signed in on `page` (their saved Supabase session). */
function callApi(page: Page, method: string, path: string, body?: object) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('sb-') && k.endsWith('-auth-token'))
      const token = JSON.parse(localStorage.getItem(key ?? '') ?? '{}').access_token
      const res = await fetch(`/functions/v1/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      })
      return { status: res.status, body: await res.json().catch(() => null) }
    },
    { method, path, body },
  )
}

test('a tutor reschedules a booked session and makes it a group; the student sees the new time', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000)
  const title = `Decimals review ${Date.now().toString(36)}`
  const grace = await openAs(browser, GRACE)
  const path = await schedule(grace, title, onSchoolClock(26 * 60))

  const kevin = await openAs(browser, KEVIN, PHONE)
  await kevin.goto(path)
  await kevin.getByRole('button', { name: 'Book a seat' }).click()
  await expect(kevin.getByRole('button', { name: 'Cancel booking' })).toBeVisible()

  // Grace's bell tells her of the booking, live.
  await grace.goto(SCHOOL)
  await expect(grace.getByRole('button', { name: /^Notifications, [1-9]\d* unread/ })).toBeVisible()
  await grace.getByRole('button', { name: /^Notifications/ }).click()
  await expect(grace.getByRole('dialog').getByText(`New booking: ${title}`)).toBeVisible()
  await grace.keyboard.press('Escape')
  await grace.goto(path)

  // Grace moves it two days on, to 15:30, for 90 minutes, and opens it to a group of four.
  await grace.reload()
  await grace.getByRole('button', { name: `Edit ${title}` }).click()
  const form = grace.getByRole('form', { name: 'Edit session' })
  await expect(form.getByLabel('Title')).toHaveValue(title)
  const later = onSchoolClock(3 * 24 * 60)
  await form.getByLabel('Date').fill(later.date)
  await form.getByLabel('Start time').fill('15:30')
  await form.getByLabel('Duration').selectOption('90')
  await form.getByLabel('Small group').check()
  await form.getByLabel('Seats').fill('4')
  await expect(form.getByText('The booked student will be told about the new time.')).toBeVisible()
  await keep(grace, testInfo, 'edit-tutor-1280')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form).toHaveCount(0)
  await expect(grace.getByText('Session updated')).toBeVisible()
  const header = grace.getByRole('heading', { level: 1, name: title }).locator('..')
  await expect(header).toContainText(/15:30|3:30\sPM/)
  await expect(header).toContainText('3 seats left of 4')
  await expect(grace.getByRole('list', { name: 'Bookings' })).toContainText('Kevin Mwangi')

  // Nothing changed: the form closes without asking the server.
  await grace.getByRole('button', { name: `Edit ${title}` }).click()
  await grace.getByRole('button', { name: 'Save changes' }).click()
  await expect(grace.getByRole('form', { name: 'Edit session' })).toHaveCount(0)

  // Kevin's page (on his phone) shows the new day and time, and still his seat.
  await kevin.reload()
  const kevinHeader = kevin.getByRole('heading', { level: 1, name: title }).locator('..')
  await expect(kevinHeader).toContainText(/15:30|3:30\sPM/)
  await expect(kevinHeader).toContainText('3 seats left of 4')
  await expect(kevin.getByRole('button', { name: 'Cancel booking' })).toBeVisible()
  expect(await fitsViewport(kevin)).toBe(true)
  await keep(kevin, testInfo, 'edited-student-375')

  // Kevin was told in the app, and by email (the default for a moved session).
  await kevin.goto(SCHOOL)
  await kevin.getByRole('button', { name: /^Notifications/ }).click()
  await expect(kevin.getByRole('dialog').getByText(`Session moved: ${title}`)).toBeVisible()
  await kevin.goto(`/mailbox?to=${encodeURIComponent(KEVIN)}`)
  await expect(kevin.getByRole('link', { name: new RegExp(`Session moved: ${title}`) }).first()).toBeVisible()
})

test('a removed student is told why and has no Join or Book anywhere; the seat is free again', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000)
  const title = `Ratios clinic ${Date.now().toString(36)}`
  const reason = 'Please join the Grade 5 group instead'
  const grace = await openAs(browser, GRACE)
  // It opens in three minutes: the room is open already (Join shows from ten minutes before).
  const path = await schedule(grace, title, onSchoolClock(3))
  const id = path.split('/').pop() ?? ''

  const kevin = await openAs(browser, KEVIN, PHONE)
  await kevin.goto(path)
  await kevin.getByRole('button', { name: 'Book a seat' }).click()
  await expect(kevin.getByRole('link', { name: `Join ${title}` })).toBeVisible()

  const removed = await callApi(
    grace,
    'POST',
    `/sessions/${id}/participants/${await kevinId(grace, id)}/remove`,
    {
      reason,
    },
  )
  expect(removed.status).toBe(204)

  // The session page says so, with the reason, and offers neither Join nor a seat.
  await kevin.reload()
  const notice = kevin.getByTestId('removed-notice')
  await expect(notice).toContainText('You were removed from this session by the tutor.')
  await expect(notice).toContainText(`Reason: ${reason}`)
  await expect(kevin.getByRole('link', { name: `Join ${title}` })).toHaveCount(0)
  await expect(kevin.getByRole('button', { name: 'Book a seat' })).toHaveCount(0)
  expect(await fitsViewport(kevin)).toBe(true)
  await keep(kevin, testInfo, 'removed-student-375')

  // Not among his next sessions at home, no Join on the schedule.
  await kevin.goto(SCHOOL)
  await expect(kevin.getByRole('heading', { name: 'Your next sessions' })).toBeVisible()
  await expect(kevin.getByTestId('home-session').filter({ hasText: title })).toHaveCount(0)
  await kevin.goto(`${SCHOOL}/sessions`)
  await expect(kevin.getByRole('heading', { name: title })).toBeVisible()
  await expect(kevin.getByRole('link', { name: `Join ${title}` })).toHaveCount(0)

  // His seat went back: the tutor sees it free.
  await grace.reload()
  const header = grace.getByRole('heading', { level: 1, name: title }).locator('..')
  await expect(header).toContainText('1 seat left of 1')
  await keep(grace, testInfo, 'removed-tutor-1280')

  // At 1280 px the notice reads the same.
  await kevin.setViewportSize({ width: 1280, height: 860 })
  await kevin.goto(path)
  await expect(kevin.getByTestId('removed-notice')).toBeVisible()
  await keep(kevin, testInfo, 'removed-student-1280')
})

/** Kevin's user id, from the session's bookings as its tutor reads them. */
async function kevinId(grace: Page, id: string): Promise<string> {
  const detail = await callApi(grace, 'GET', `/sessions/${id}`)
  const booking = (detail.body.bookings as { user_id: string; name: string }[]).find(
    (b) => b.name === 'Kevin Mwangi',
  )
  return booking?.user_id ?? ''
}
