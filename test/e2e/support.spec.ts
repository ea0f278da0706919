import { type Browser, expect, type Page, type TestInfo, test } from '@playwright/test'
import { signIn, storageStateOf } from './support.ts'

// A student asks for help from a course page on a phone; Faith (staff) watches the live queue on a
// desktop and answers. Each person in their own browser context, against the real stack.

const SCHOOL = '/t/demo-academy'
const FAITH = 'staff@demo.kipindi.test'

async function keep(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

async function studentOnPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    storageState: storageStateOf('student'),
    viewport: { width: 375, height: 740 },
  })
  return context.newPage()
}

async function staffOnDesktop(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, FAITH)
  return page
}

const conversation = (page: Page) => page.getByRole('log', { name: 'Conversation' })

test('a student and a staff member hold a live support conversation', async ({ browser }, testInfo) => {
  test.setTimeout(180_000)
  const subject = `Cannot open my fractions lesson ${Date.now().toString(36)}`
  const reply1 = 'Hello Kevin, I am looking into it now.'
  const note = `Internal: check the lesson publish state ${Date.now().toString(36)}`
  const reply2 = 'Please reload the page, it should open now.'

  // Faith watches the queue (which also puts her online for round-robin).
  const faith = await staffOnDesktop(browser)
  await faith.goto(`${SCHOOL}/support`)
  await expect(faith.getByRole('heading', { level: 1, name: /Support queue/ })).toBeVisible()
  await expect(faith.locator('[data-live="open"]')).toBeVisible()

  // Kevin opens Help from the courses page; the ticket carries that page as context.
  const kevin = await studentOnPhone(browser)
  await kevin.goto(`${SCHOOL}/courses`)
  await expect(kevin.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible()
  await kevin.getByRole('button', { name: 'Help' }).click()
  const dialog = kevin.getByRole('dialog', { name: 'Ask for help' })
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect(dialog.getByText('Enter a subject.')).toBeVisible()
  await dialog.getByLabel('Subject').fill(subject)
  await dialog.getByRole('radio', { name: /Technical/ }).check()
  await dialog.getByLabel('Message').fill('The lesson page stays blank when I open it.')
  await expect(dialog.getByText('Include the page I was on')).toBeVisible()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect(kevin).toHaveURL(/\/support\/[0-9a-f-]{36}$/)
  await expect(kevin.getByRole('heading', { level: 1, name: subject })).toBeVisible()
  await expect(conversation(kevin).getByText('The lesson page stays blank when I open it.')).toBeVisible()
  await expect(kevin.locator('[data-live="open"]')).toBeVisible()
  await keep(kevin, testInfo, 'support-student-new-ticket')

  // The ticket appears in Faith's queue without a reload.
  const row = faith.getByRole('link', { name: new RegExp(subject) })
  await expect(row).toBeVisible()
  await keep(faith, testInfo, 'support-staff-queue')
  await row.click()
  await expect(faith.getByRole('heading', { level: 1, name: subject })).toBeVisible()
  await expect(faith.getByRole('link', { name: /\/t\/demo-academy\/courses/ })).toBeVisible()
  await expect(faith.locator('[data-live="open"]')).toBeVisible()

  // Faith types: Kevin sees her typing; she replies and Kevin sees it without reloading.
  const box = faith.getByLabel('Reply')
  await box.click()
  await box.pressSequentially('Hello Kevin', { delay: 30 })
  await expect(kevin.getByText('Faith is typing…')).toBeVisible()
  await box.fill(reply1)
  await box.press('Enter')
  await expect(conversation(faith).getByText(reply1)).toBeVisible()
  await expect(conversation(kevin).getByText(reply1)).toBeVisible()
  await expect(kevin.getByText('Faith is typing…')).toHaveCount(0)

  // Kevin types back: Faith sees it too; Kevin's reply arrives and Faith's reply shows Seen.
  const kevinBox = kevin.getByLabel('Reply')
  await kevinBox.click()
  await kevinBox.pressSequentially('Thank', { delay: 30 })
  await expect(faith.getByText('Kevin is typing…')).toBeVisible()
  await kevinBox.pressSequentially('s!')
  await kevinBox.press('Enter')
  await expect(conversation(faith).getByText('Thanks!')).toBeVisible()
  await expect(conversation(faith).getByText('Seen')).toBeVisible()

  // An internal note: Faith sees it marked; after her next public reply reaches Kevin, he never got the note.
  await faith.getByRole('button', { name: 'Internal note' }).click()
  await faith.getByLabel('Internal note', { exact: true }).fill(note)
  await faith.getByRole('button', { name: 'Add note' }).click()
  await expect(conversation(faith).locator('[data-kind="internal"]').getByText(note)).toBeVisible()
  await faith.getByLabel('Reply').fill(reply2)
  await faith.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(conversation(kevin).getByText(reply2)).toBeVisible()
  await expect(kevin.getByText(note)).toHaveCount(0)
  await keep(faith, testInfo, 'support-staff-conversation')

  // Kevin's connection drops; what Faith writes meanwhile shows once he is back, without a reload.
  await kevin.context().setOffline(true)
  await expect(kevin.locator('[data-live="open"]')).toHaveCount(0)
  const whileAway = 'Also, which browser do you use?'
  await faith.getByLabel('Reply').fill(whileAway)
  await faith.getByLabel('Reply').press('Enter')
  await expect(conversation(faith).getByText(whileAway)).toBeVisible()
  await kevin.context().setOffline(false)
  await expect(kevin.locator('[data-live="open"]')).toBeVisible()
  await expect(conversation(kevin).getByText(whileAway)).toBeVisible()

  // Kevin answers while offline: his message shows at once, waiting; back online it is sent, once.
  await kevin.context().setOffline(true)
  await expect(kevin.locator('[data-live="open"]')).toHaveCount(0)
  const offline = `Chrome on my phone ${Date.now().toString(36)}`
  await kevin.getByLabel('Reply').fill(offline)
  await kevin.getByLabel('Reply').press('Enter')
  const pending = conversation(kevin).locator('[data-kind="pending"]')
  await expect(pending.getByText(offline)).toBeVisible()
  await expect(pending.getByText('Waiting for connection')).toBeVisible()
  await keep(kevin, testInfo, 'support-student-offline-message')
  await kevin.context().setOffline(false)
  await expect(conversation(kevin).locator('[data-kind="mine"]').getByText(offline)).toBeVisible()
  await expect(pending).toHaveCount(0)
  await expect(conversation(faith).getByText(offline)).toBeVisible()

  // A send that cannot get through is kept across a reload and goes once the way is open again.
  const messagesApi = '**/functions/v1/api/tickets/*/messages'
  await kevin
    .context()
    .route(messagesApi, (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    )
  const kept = `Sent from the bus ${Date.now().toString(36)}`
  await kevin.getByLabel('Reply').fill(kept)
  await kevin.getByLabel('Reply').press('Enter')
  await expect(pending.getByText('Waiting for connection')).toBeVisible()
  await kevin.reload()
  await expect(pending.getByText(kept)).toBeVisible()
  await kevin.context().unroute(messagesApi)
  await expect(conversation(kevin).locator('[data-kind="mine"]').getByText(kept)).toBeVisible({
    timeout: 30_000,
  })
  await expect(conversation(faith).getByText(kept)).toBeVisible()
  // The server has each exactly once (a fresh load of the ticket on Faith's side).
  const fresh = await faith.context().newPage()
  await fresh.goto(faith.url())
  await expect(conversation(fresh).getByText(kept)).toBeVisible()
  for (const text of [offline, kept]) await expect(conversation(fresh).getByText(text)).toHaveCount(1)
  await fresh.close()

  // The bell tells Kevin about the replies.
  const bell = kevin.getByRole('button', { name: /^Notifications, \d+ unread$/ })
  await expect(bell).toBeVisible()
  await bell.click()
  await expect(
    kevin
      .getByRole('dialog', { name: 'Notifications' })
      .getByText(/Reply on #\d+/)
      .first(),
  ).toBeVisible()
  await kevin.keyboard.press('Escape')
  await expect(kevin.getByRole('dialog', { name: 'Notifications' })).toHaveCount(0)

  // Faith resolves the ticket: Kevin is asked to rate it, live, and does.
  await faith.getByLabel('Status').selectOption('resolved')
  await expect(conversation(faith).getByText(/Status changed from open to resolved/)).toBeVisible()
  await expect(kevin.getByRole('heading', { name: 'How did we do?' })).toBeVisible()
  await kevin.getByRole('radio', { name: /5 – Very happy/ }).check({ force: true })
  await kevin.getByLabel('Comment (optional)').fill('Fast and friendly.')
  await kevin.getByRole('button', { name: 'Send rating' }).click()
  await expect(kevin.getByText('Thanks for your rating!')).toBeVisible()
  await keep(kevin, testInfo, 'support-student-rated')

  // It survives a reload, and the note is still not there for Kevin.
  await kevin.reload()
  await expect(conversation(kevin).getByText(reply2)).toBeVisible()
  await expect(kevin.getByText('Thanks — you rated this ticket.')).toBeVisible()
  await expect(kevin.getByText(note)).toHaveCount(0)
  // Faith sees the rating arrive with the ticket, without a reload.
  await expect(faith.getByText('Requester’s rating')).toBeVisible()
  await expect(faith.getByText('Fast and friendly.')).toBeVisible()
})
