import { expect, type Page, test } from '@playwright/test'
import { openAs } from './support.ts'

// Comments on a lesson's draft (issue 19): Grace writes a new lesson and comments on a word of it;
// Faith (the school's staff, who read drafts) has the lesson open and sees the comment arrive, with
// the word marked; Grace writes more before the word and the mark stays on it in both browsers;
// Faith replies, Grace sees the reply without a reload and resolves the thread.

const SCHOOL = '/t/demo-academy'
const GRACE = 'instructor1@demo.kipindi.test'
const FAITH = 'staff@demo.kipindi.test'
const editor = (page: Page) => page.locator('.ProseMirror')
const connected = (page: Page) =>
  expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible()

/** Double-clicks `word` in the editor, as a person selects a word. */
async function selectWord(page: Page, word: string) {
  const box = await editor(page).evaluate((root, w) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(w) ?? -1
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + w.length)
      const r = range.getBoundingClientRect()
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
    }
    return null
  }, word)
  if (!box) throw new Error(`"${word}" is not in the editor`)
  await page.mouse.dblclick(box.x, box.y)
}
const marked = (page: Page) => editor(page).locator('.comment-mark')

test('co-authors comment on the words of a draft; the comment stays on them while the text changes', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const title = `Plant cells ${Date.now().toString(36)}`
  const grace = await openAs(browser, GRACE)
  await grace.goto(`${SCHOOL}/courses`)
  await grace.getByRole('link', { name: 'New course', exact: true }).click()
  await grace.getByLabel('Title').fill(title)
  await grace.getByLabel('Level', { exact: true }).selectOption('Grade 7')
  await grace.getByLabel('Learning area', { exact: true }).selectOption('Integrated Science')
  await grace.getByRole('button', { name: 'Create course' }).click()
  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await grace.getByRole('button', { name: 'Add lesson to this course' }).click()
  await grace.getByLabel('New lesson to this course').fill('Chloroplasts')
  await grace.getByRole('button', { name: 'Add lesson', exact: true }).click()
  await grace.getByRole('link', { name: 'Chloroplasts' }).click()
  await expect(grace).toHaveURL(/\/lessons\/[0-9a-f-]{36}\/edit$/)
  const editUrl = new URL(grace.url()).pathname
  await connected(grace)
  await expect(grace.getByText('No comments yet')).toBeVisible()
  await editor(grace).click()
  await grace.keyboard.type('Plant cells have chloroplasts that make food from sunlight.')

  // Faith has the lesson open (read-only for her: she is staff, not a co-author).
  const faith = await openAs(browser, FAITH)
  await faith.goto(editUrl)
  await connected(faith)
  await expect(editor(faith)).toContainText('chloroplasts that make food')

  // Nothing selected: the button says what to do. Then Grace picks a word and comments on it.
  await grace.getByRole('button', { name: 'Comment', exact: true }).click()
  await expect(grace.getByText('Select some text in the lesson first')).toBeVisible()
  await selectWord(grace, 'chloroplasts')
  await grace.getByRole('button', { name: 'Comment', exact: true }).click()
  await grace.getByLabel('Your comment').fill('Add a diagram of a chloroplast here.')
  await grace.getByRole('button', { name: 'Comment', exact: true }).last().click()
  const graceThread = grace.getByTestId('comment-thread')
  await expect(graceThread).toContainText('Add a diagram of a chloroplast here.')
  await expect(marked(grace)).toHaveText('chloroplasts')

  // Faith sees it arrive, on the same word.
  const faithThread = faith.getByTestId('comment-thread')
  await expect(faithThread).toContainText('Add a diagram of a chloroplast here.')
  await expect(faithThread.getByRole('button', { name: 'On chloroplasts' })).toBeVisible()
  await expect(marked(faith)).toHaveText('chloroplasts')

  // Grace writes before the word: the mark stays on it, here and in Faith's browser.
  await editor(grace).click()
  await grace.keyboard.press('Control+Home')
  await grace.keyboard.type('Green ')
  await expect(editor(faith)).toContainText('Green ')
  await expect(marked(grace)).toHaveText('chloroplasts')
  await expect(marked(faith)).toHaveText('chloroplasts')

  // Faith replies; Grace sees the reply without a reload and resolves the thread.
  await faithThread.getByRole('button', { name: 'Reply' }).click()
  await faith.getByLabel('Your reply').fill('I will find one from the textbook.')
  await faithThread.getByRole('button', { name: 'Reply' }).click()
  await expect(graceThread).toContainText('I will find one from the textbook.')
  await graceThread.getByRole('button', { name: 'Resolve' }).click()
  await expect(grace.getByRole('button', { name: 'Show 1 resolved' })).toBeVisible()
  await expect(marked(grace)).toHaveCount(0)
  await expect(faith.getByRole('button', { name: 'Show 1 resolved' })).toBeVisible()
  await faith.getByRole('button', { name: 'Show 1 resolved' }).click()
  await expect(faithThread).toContainText('Resolved by Grace Njeri')
})
