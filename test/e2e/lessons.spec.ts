import { type Browser, expect, type Page, type TestInfo, test } from '@playwright/test'
import { signIn } from './support.ts'

// Two instructors write one lesson live, a viewer watches read-only, and a student reads only what
// was published — each person in their own browser context, against the real stack.

const SCHOOL = '/t/demo-academy'
const GRACE = { email: 'instructor1@demo.kipindi.test', name: 'Grace Njeri' }
const DAVID = { email: 'instructor2@demo.kipindi.test', name: 'David Kamau' }
const BRIAN = { email: 'admin@demo.kipindi.test', name: 'Brian Otieno' }
const KEVIN = { email: 'student1@demo.kipindi.test', name: 'Kevin Mwangi' }
const HALF = 'Halves: a half is one of two equal parts.'
const QUARTER = 'Quarters: a quarter is one of four equal parts.'

async function openAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

const editor = (page: Page) => page.locator('.ProseMirror')
const connected = (page: Page) =>
  expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible()

async function keep(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

test('instructors co-write a lesson live, a viewer watches, a student reads what was published', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000)
  const title = `Sharing fairly ${Date.now().toString(36)}`

  // Grace creates the course and its first lesson, adds co-authors and enrols Kevin.
  const grace = await openAs(browser, GRACE.email)
  await grace.goto(`${SCHOOL}/courses`)
  await grace.getByRole('link', { name: 'New course', exact: true }).click()
  await grace.getByLabel('Title').fill(title)
  await grace.getByLabel('Level', { exact: true }).selectOption('Grade 4')
  await grace.getByLabel('Learning area', { exact: true }).selectOption('Mathematics')
  await grace.getByRole('button', { name: 'Create course' }).click()
  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const courseUrl = grace.url()

  await grace.getByRole('button', { name: 'Add lesson to this course' }).click()
  await grace.getByLabel('New lesson to this course').fill('Halves and quarters')
  await grace.getByRole('button', { name: 'Add lesson', exact: true }).click()
  await expect(grace.getByRole('link', { name: 'Halves and quarters' })).toBeVisible()

  await grace.getByLabel('Add a co-author').selectOption({ label: `${DAVID.name} · Instructor` })
  await grace.getByLabel('Co-author role').selectOption('editor')
  await grace.getByRole('button', { name: 'Add co-author' }).click()
  await expect(grace.getByLabel(`Role for ${DAVID.name}`)).toHaveValue('editor')
  await grace.getByLabel('Add a co-author').selectOption({ label: `${BRIAN.name} · Admin` })
  await grace.getByLabel('Co-author role').selectOption('viewer')
  await grace.getByRole('button', { name: 'Add co-author' }).click()
  await expect(grace.getByLabel(`Role for ${BRIAN.name}`)).toHaveValue('viewer')

  // An instructor sees students' names, not their emails. (The reload: see docs/known-issues.md.)
  await grace.reload()
  await grace.getByLabel('Enrol a student').selectOption({ label: KEVIN.name })
  await grace.getByRole('button', { name: 'Enrol student' }).click()
  await expect(grace.getByRole('button', { name: `Remove ${KEVIN.name}` })).toBeVisible()

  await grace.getByRole('link', { name: 'Halves and quarters' }).click()
  await expect(grace).toHaveURL(/\/lessons\/[0-9a-f-]{36}\/edit$/)
  const editUrl = new URL(grace.url()).pathname
  const readUrl = editUrl.replace(/\/edit$/, '')
  await connected(grace)

  // David opens the same lesson; both type at once and see each other's words and named caret.
  const david = await openAs(browser, DAVID.email)
  await david.goto(editUrl)
  await connected(david)
  await expect(david.getByTestId('read-only')).toHaveCount(0)

  await editor(grace).click()
  await grace.keyboard.type('Fractions share things fairly.')
  await grace.keyboard.press('Enter')
  await grace.keyboard.type('Halves:')
  await grace.keyboard.press('Enter')
  await grace.keyboard.type('Quarters:')
  await expect(editor(david)).toContainText('Quarters:')
  // Each author on their own line, typing at the same time.
  await grace.locator('.ProseMirror p', { hasText: 'Halves:' }).click()
  await grace.keyboard.press('End')
  await david.locator('.ProseMirror p', { hasText: 'Quarters:' }).click()
  await david.keyboard.press('End')
  await Promise.all([
    grace.keyboard.type(HALF.slice('Halves:'.length), { delay: 20 }),
    david.keyboard.type(QUARTER.slice('Quarters:'.length), { delay: 20 }),
  ])
  for (const page of [grace, david]) {
    await expect(editor(page)).toContainText(HALF)
    await expect(editor(page)).toContainText(QUARTER)
  }
  await expect(grace.locator('.collaboration-carets__label', { hasText: DAVID.name })).toBeVisible()
  await expect(david.locator('.collaboration-carets__label', { hasText: GRACE.name })).toBeVisible()
  await expect(grace.getByTestId('presence').locator(`[data-name="${DAVID.name}"]`)).toBeVisible()
  await keep(grace, testInfo, 'editor-grace-sees-david')
  await keep(david, testInfo, 'editor-david-sees-grace')

  // Brian (co-author as viewer, and a school admin) sees the live draft but cannot change it.
  const brian = await openAs(browser, BRIAN.email)
  await brian.goto(editUrl)
  await connected(brian)
  await expect(brian.getByTestId('read-only')).toBeVisible()
  await expect(editor(brian)).toHaveAttribute('contenteditable', 'false')
  await expect(editor(brian)).toContainText(HALF)
  await expect(editor(brian)).toContainText(QUARTER)
  await expect(brian.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0)
  await expect(brian.getByRole('button', { name: 'Publish' })).toHaveCount(0)
  await editor(brian).click()
  await brian.keyboard.type('Brian was here')
  await expect(editor(brian)).not.toContainText('Brian was here')
  await keep(brian, testInfo, 'editor-viewer-read-only')

  // Publish version 1; Kevin reads it.
  await grace.getByRole('button', { name: 'Publish' }).click()
  await grace.getByLabel('Note (optional)').fill('First lesson on halves')
  await grace.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(grace.getByText('Published version 1')).toBeVisible()

  const kevin = await openAs(browser, KEVIN.email)
  await kevin.goto(readUrl)
  await expect(kevin.getByTestId('published-version')).toContainText('Version 1')
  await expect(kevin.getByText(HALF)).toBeVisible()
  await expect(kevin.getByText(QUARTER)).toBeVisible()
  // Students never open the draft: the editor address sends them to the published lesson.
  await kevin.goto(editUrl)
  await expect(kevin).toHaveURL(new RegExp(`${readUrl}$`))
  await expect(kevin.locator('.ProseMirror')).toHaveCount(0)

  // More edits: the student keeps reading version 1 until the next publish.
  await editor(grace).click()
  await grace.keyboard.press('ControlOrMeta+End')
  await grace.keyboard.press('Enter')
  await grace.keyboard.type('Eighths come next week.')
  await expect(editor(david)).toContainText('Eighths come next week.')
  await kevin.reload()
  await expect(kevin.getByTestId('published-version')).toContainText('Version 1')
  await expect(kevin.getByText(HALF)).toBeVisible()
  await expect(kevin.getByText('Eighths come next week.')).toHaveCount(0)

  await grace.getByRole('button', { name: 'Publish' }).click()
  await grace.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(grace.getByText('Published version 2')).toBeVisible()
  await kevin.reload()
  await expect(kevin.getByTestId('published-version')).toContainText('Version 2')
  await expect(kevin.getByText('Eighths come next week.')).toBeVisible()

  // Restore version 1 into the draft: both authors see the change arrive live.
  await grace.getByRole('button', { name: 'History' }).click()
  await grace.getByRole('button', { name: 'Preview version 1' }).click()
  await expect(grace.getByRole('region', { name: 'Content of version 1' })).toContainText(HALF)
  await grace.getByRole('button', { name: 'Restore into draft' }).click()
  await grace.getByRole('alertdialog').getByRole('button', { name: 'Restore into draft' }).click()
  await expect(grace.getByText('Version 1 restored into the draft')).toBeVisible()
  for (const page of [grace, david, brian]) {
    await expect(editor(page)).not.toContainText('Eighths come next week.')
    await expect(editor(page)).toContainText(HALF)
  }
  // Students keep the latest published version.
  await kevin.reload()
  await expect(kevin.getByTestId('published-version')).toContainText('Version 2')
  await keep(david, testInfo, 'editor-after-restore')

  // The course page links Kevin to the published lesson; Grace sees which version students read.
  await kevin.goto(courseUrl)
  await expect(kevin.getByRole('link', { name: 'Halves and quarters' })).toHaveAttribute('href', readUrl)
  await grace.goto(courseUrl)
  await expect(grace.getByText('Published · v2')).toBeVisible()

  // Offline, Kevin still reads the lesson he opened: the service worker kept it (issue 11).
  await kevin.goto(readUrl)
  await kevin.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  if (!(await kevin.evaluate(() => navigator.serviceWorker.controller !== null))) await kevin.reload()
  await expect(kevin.getByTestId('published-version')).toContainText('Version 2')
  await kevin.context().setOffline(true)
  await kevin.reload()
  await expect(kevin.getByRole('status').getByText(/You are offline/)).toBeVisible()
  await expect(kevin.getByTestId('published-version')).toContainText('Version 2')
  await expect(kevin.getByText('Eighths come next week.')).toBeVisible()
  await kevin.context().setOffline(false)

  for (const page of [grace, david, brian, kevin]) await page.context().close()
})
