import { expect, test } from '@playwright/test'
import { fitsViewport, openAs } from './support.ts'

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
