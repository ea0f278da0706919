import { expect, test } from '@playwright/test'
import { openAs } from './support.ts'

// The learning logbook (issue 20): Kevin writes an entry in his Science logbook from the course page
// (a lesson, a competency, a photo) and shares it with his father; Grace finds it in the students'
// logbooks beside her session notes and comments; Peter reads it with her comment. The demo holds
// Kevin's shared "Onion cells" entry and his private "what I still mix up" one.

const COURSE = '/t/demo-academy/courses/40000000-0000-4000-a000-000000000001'
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

test('a student writes and shares an entry; the teacher comments; the parent reads both', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const title = `Leaf cells ${Date.now()}`
  const kevin = await openAs(browser, 'student1@demo.kipindi.test')
  await kevin.goto(COURSE)
  await kevin.getByRole('link', { name: 'My logbook' }).click()
  await expect(kevin.getByRole('heading', { name: 'My logbook' })).toBeVisible()
  await kevin.getByRole('button', { name: 'New entry' }).click()
  await kevin.getByLabel('Title').fill(title)
  await kevin.getByLabel('What happened, what you learnt').fill('The green dots in a leaf are chloroplasts.')
  await kevin.getByLabel('Lesson').selectOption({ label: 'Specialised cells' })
  await kevin.getByLabel('Imagination and creativity').check()
  await kevin
    .getByTestId('attach-input')
    .setInputFiles({ name: 'leaf.png', mimeType: 'image/png', buffer: PIXEL })
  await expect(kevin.getByText('leaf.png')).toBeVisible()
  await kevin.getByRole('switch', { name: 'Share with my parents' }).check()
  await kevin.getByRole('button', { name: 'Save entry' }).click()
  const entry = kevin.getByRole('article', { name: title })
  await expect(entry.getByText('Imagination and creativity')).toBeVisible()
  await expect(entry.getByText('Shared with parents')).toBeVisible()
  await expect(entry.getByRole('img', { name: 'leaf.png' })).toBeVisible()

  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  await grace.goto(COURSE)
  await grace.getByRole('link', { name: 'Students’ logbooks' }).click()
  await grace.getByRole('link', { name: 'Kevin Mwangi' }).click()
  await expect(grace.getByRole('heading', { name: 'Kevin Mwangi’s logbook' })).toBeVisible()
  await expect(grace.getByRole('heading', { name: 'Your session notes' })).toBeVisible()
  const seen = grace.getByRole('article', { name: title })
  await seen.getByLabel('Add a comment').fill('Lovely observation: draw one next time.')
  await seen.getByRole('button', { name: 'Comment' }).click()
  await expect(seen.getByText('Lovely observation: draw one next time.')).toBeVisible()

  const peter = await openAs(browser, 'parent@demo.kipindi.test')
  await peter.goto(`${COURSE}/logbook`)
  const shared = peter.getByRole('article', { name: title })
  await expect(shared.getByText('Lovely observation: draw one next time.')).toBeVisible()
  await expect(peter.getByRole('article', { name: 'Onion cells under the microscope' })).toBeVisible()
  await expect(
    peter.getByRole('article', { name: 'Plant and animal cells: what I still mix up' }),
  ).toHaveCount(0)
  await expect(shared.getByRole('button', { name: 'Edit' })).toHaveCount(0)
})
