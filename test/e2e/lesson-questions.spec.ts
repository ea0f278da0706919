import { expect, type Page, test } from '@playwright/test'
import { openAs } from './support.ts'

// Students' questions on a published lesson (issue 19). On a 375 px phone, Kevin selects a word in
// "The cell" and asks about it; only the teachers see it. Grace has the lesson's draft open, sees
// the question arrive beside the editor, and answers; Kevin's page shows the answer without a
// reload, his bell has it, and he marks the question answered. Lucy, in the same course, sees none
// of it.

const SCHOOL = '/t/demo-academy'
const LESSON = '42000000-0000-4000-a000-000000000003'

/** Double-clicks the first `word` inside the published lesson's text, as a person selects a word. */
async function selectWord(page: Page, word: string) {
  const box = await page
    .locator('.prose-lesson')
    .first()
    .evaluate((root, w) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(w) ?? -1
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + w.length)
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' })
        const r = range.getBoundingClientRect()
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
      }
      return null
    }, word)
  if (!box) throw new Error(`"${word}" is not in the lesson`)
  await page.mouse.dblclick(box.x, box.y)
}

test('a student asks the teachers about a word of a lesson on a phone; the teacher answers', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const question = `Does every living cell have one? ${Date.now().toString(36)}`
  const kevin = await openAs(browser, 'student1@demo.kipindi.test', 375)
  await kevin.goto(`${SCHOOL}/lessons/${LESSON}`)
  await expect(kevin.getByRole('heading', { name: 'Ask your teacher' })).toBeVisible()

  // Nothing selected: the button says what to do. A selected word brings the button to the screen.
  await kevin.getByRole('button', { name: 'Ask about the selected words' }).click()
  await expect(kevin.getByText('Select some words in the lesson first.')).toBeVisible()
  await selectWord(kevin, 'microscope')
  await kevin.getByRole('button', { name: 'Ask about the selected words' }).last().click()
  await expect(kevin.locator('q', { hasText: 'microscope' }).first()).toBeVisible()
  await kevin.getByLabel('Your question').fill(question)
  await kevin.getByRole('button', { name: 'Ask', exact: true }).click()
  const mine = kevin.getByTestId('lesson-question').filter({ hasText: question })
  await expect(mine).toContainText('Waiting for an answer')

  // Grace, on the draft, sees it among the students' questions and answers.
  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  await grace.goto(`${SCHOOL}/lessons/${LESSON}/edit`)
  const asked = grace.getByTestId('lesson-question').filter({ hasText: question })
  await expect(asked).toContainText('Kevin')
  await expect(asked.locator('q')).toHaveText('microscope')
  await asked.getByRole('button', { name: 'Reply' }).click()
  await grace.getByLabel('Your reply').fill('Nearly all do; red blood cells lose theirs as they grow.')
  await asked.getByRole('button', { name: 'Reply', exact: true }).last().click()
  await expect(asked).toContainText('red blood cells lose theirs')

  // Kevin's page shows the answer live; his bell has it; he marks it answered.
  await expect(mine).toContainText('red blood cells lose theirs')
  await kevin.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click()
  await expect(
    kevin
      .getByRole('dialog', { name: 'Notifications' })
      .getByText(/replied on/)
      .first(),
  ).toBeVisible()
  await kevin.keyboard.press('Escape')
  await mine.getByRole('button', { name: 'Mark answered' }).click()
  await expect(mine).toContainText('Answered · marked by Kevin')

  // Lucy is in the course too: she never sees Kevin's question.
  const lucy = await openAs(browser, 'student2@demo.kipindi.test', 375)
  await lucy.goto(`${SCHOOL}/lessons/${LESSON}`)
  await expect(lucy.getByRole('heading', { name: 'Ask your teacher' })).toBeVisible()
  await expect(lucy.getByText('You have not asked anything about this lesson.')).toBeVisible()
  await expect(lucy.getByText(question)).toHaveCount(0)
})
