import { expect, test } from '@playwright/test'
import { courseWithLessons, fitsViewport, openAs } from './support.ts'

// Files where people reach for them (issue 13).

const SCHOOL = '/t/demo-academy'
const LUCY = 'student2@demo.kipindi.test'
const FAITH = 'staff@demo.kipindi.test'
/** Seeded: Lucy's "No sound in the cells revision session", pending: Faith asked for details. */
const NO_SOUND = `${SCHOOL}/support/20000000-0000-4000-a000-000000000004`

/** A real 2×2 PNG (the store checks the bytes, not the name). */
const SCREENSHOT = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64',
)

test('a student attaches a screenshot to a ticket from a phone, and support staff see it', async ({
  browser,
}) => {
  const lucy = await openAs(browser, LUCY, 375)
  await lucy.goto(NO_SOUND)
  const reply = lucy.getByLabel('Reply')
  await expect(reply).toBeVisible()
  await lucy.getByTestId('attach-input').setInputFiles({
    name: 'sound-settings.png',
    mimeType: 'image/png',
    buffer: SCREENSHOT,
  })
  // Uploaded (progress gone), listed as an attachment to send, removable.
  await expect(lucy.getByRole('button', { name: 'Remove sound-settings.png' })).toBeVisible()
  expect(await fitsViewport(lucy)).toBe(true)
  await reply.fill('Here are my sound settings.')
  await lucy.getByRole('button', { name: 'Send' }).click()
  const log = lucy.getByRole('log', { name: 'Conversation' })
  await expect(log.getByText('Here are my sound settings.')).toBeVisible()
  const mine = log.getByRole('img', { name: 'sound-settings.png' })
  await expect(mine).toBeVisible()
  await expect.poll(() => mine.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2)

  const faith = await openAs(browser, FAITH)
  await faith.goto(NO_SOUND)
  const seen = faith
    .getByRole('log', { name: 'Conversation' })
    .getByRole('img', { name: 'sound-settings.png' })
  await expect(seen).toBeVisible()
  await expect.poll(() => seen.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2)
})

test('an instructor pastes a picture into a lesson; the co-author sees it appear, and so does the student once published', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  const { courseUrl, editUrls } = await courseWithLessons(grace, `Cells ${Date.now().toString(36)}`, [
    'The cell',
  ])
  await grace.goto(courseUrl)
  await grace.getByLabel('Add a co-author').selectOption({ label: 'David Kamau · Instructor' })
  await grace.getByLabel('Co-author role').selectOption('editor')
  await grace.getByRole('button', { name: 'Add co-author' }).click()
  await expect(grace.getByLabel('Role for David Kamau')).toHaveValue('editor')

  await grace.goto(editUrls[0])
  const david = await openAs(browser, 'instructor2@demo.kipindi.test')
  await david.goto(editUrls[0])
  for (const page of [grace, david]) {
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible()
  }

  // Grace pastes a screenshot of a cell diagram at the end of the lesson.
  await grace.locator('.ProseMirror').click()
  await grace.keyboard.press('End')
  await grace.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    const data = new DataTransfer()
    data.items.add(new File([bytes], 'cell-diagram.png', { type: 'image/png' }))
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
    document.querySelector('.ProseMirror')?.dispatchEvent(paste)
  }, SCREENSHOT.toString('base64'))

  for (const page of [grace, david]) {
    const picture = page.locator('.ProseMirror img[alt="cell diagram"]')
    await expect(picture).toBeVisible()
    await expect.poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2)
  }

  await grace.getByRole('button', { name: 'Publish' }).click()
  await grace.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(grace.getByText('Published version 2')).toBeVisible()

  const kevin = await openAs(browser, 'student1@demo.kipindi.test', 375)
  await kevin.goto(editUrls[0].replace(/\/edit$/, ''))
  const published = kevin.locator('img[alt="cell diagram"]')
  await expect(published).toBeVisible()
  await expect.poll(() => published.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2)
})

test('a student sets a profile picture; it shows in the header and in the school’s member list', async ({
  browser,
}) => {
  const lucy = await openAs(browser, LUCY, 375)
  await lucy.goto('/account')
  await lucy
    .getByTestId('avatar-input')
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: SCREENSHOT })
  await expect(lucy.getByText('Picture saved')).toBeVisible()
  await expect(lucy.getByRole('button', { name: 'Remove picture' })).toBeVisible()
  const header = lucy.locator('header img')
  await expect.poll(() => header.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2)

  const owner = await openAs(browser, 'owner@demo.kipindi.test')
  await owner.goto(`${SCHOOL}/members?q=Lucy`)
  const row = owner.getByRole('row').filter({ hasText: 'Lucy' })
  await expect
    .poll(() => row.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth))
    .toBe(2)
})

test('an instructor adds a worksheet to a lesson; the enrolled student downloads it', async ({ browser }) => {
  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  const { editUrls } = await courseWithLessons(grace, `Worksheets ${Date.now().toString(36)}`, [
    'Telling time',
  ])
  await grace.goto(editUrls[0])
  const materials = grace.getByRole('region', { name: 'Materials' })
  await expect(materials.getByText(/Add worksheets/)).toBeVisible()
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
  await materials
    .getByTestId('attach-input')
    .setInputFiles({ name: 'Clock worksheet.pdf', mimeType: 'application/pdf', buffer: pdf })
  await expect(materials.getByRole('link', { name: 'Clock-worksheet.pdf' })).toBeVisible()

  const kevin = await openAs(browser, 'student1@demo.kipindi.test', 375)
  await kevin.goto(editUrls[0].replace(/\/edit$/, ''))
  const link = kevin
    .getByRole('region', { name: 'Materials' })
    .getByRole('link', { name: 'Clock-worksheet.pdf' })
  await expect(link).toBeVisible()
  const href = await link.getAttribute('href')
  const res = await kevin.request.get(href ?? '')
  expect(res.status()).toBe(200)
  expect(res.headers()['content-disposition']).toMatch(/^attachment/)
  expect(Buffer.from(await res.body()).equals(pdf)).toBe(true)
  await expect(
    kevin.getByRole('region', { name: 'Materials' }).getByRole('button', { name: /Remove/ }),
  ).toHaveCount(0)
})
