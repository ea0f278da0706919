import { expect, test } from '@playwright/test'
import { openAs } from './support.ts'

// A course's discussion on a 375 px phone: Kevin asks a question in the Science course's forum;
// Grace (its teacher, on a laptop) sees it, answers and marks her reply as the answer; Kevin's open
// thread shows the answer live and his bell tells him of the reply; he marks the answer helpful and
// Grace sees that live. The question is unique to the run; the demo's own threads are only read.

const SCIENCE = '/t/demo-academy/courses/40000000-0000-4000-a000-000000000001'

test('a student asks in the course forum, the teacher answers and marks it, the student is told', async ({
  browser,
}) => {
  test.info().setTimeout(120_000)
  const title = `Do seeds need light to grow? ${Date.now().toString(36)}`
  const kevin = await openAs(browser, 'student1@demo.kipindi.test', 375)
  await kevin.goto(SCIENCE)
  await kevin.getByRole('link', { name: /^Discussion/ }).click()
  await expect(kevin.getByRole('heading', { level: 1, name: 'Discussion' })).toBeVisible()
  await expect(kevin.getByRole('link', { name: /Welcome to Grade 7 Science/ })).toBeVisible()

  await kevin.getByRole('button', { name: 'New thread' }).click()
  await kevin.getByRole('button', { name: 'Post thread' }).click()
  await expect(kevin.getByText('Give the thread a title.')).toBeVisible()
  await kevin.getByLabel('Title').fill(title)
  // He asks his teacher by name: "@Gra" offers Grace, Enter puts her name in.
  const post = kevin.getByLabel('Your post')
  await post.pressSequentially('@Gra')
  await expect(kevin.getByRole('option', { name: /^Grace/ })).toBeVisible()
  await post.press('Enter')
  await expect(post).toHaveValue(/^@Grace \S+ $/)
  await post.pressSequentially('my beans sprouted in a dark cupboard. Is light needed at first?')
  await kevin.getByRole('button', { name: 'Post thread' }).click()
  await expect(kevin.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(kevin.getByText('No replies yet.')).toBeVisible()

  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  await grace.goto(`${SCIENCE}/forum`)
  await grace.getByRole('button', { name: 'Questions' }).click()
  await grace.getByRole('link', { name: new RegExp(title.replace(/\?/g, '\\?')) }).click()
  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible()
  // Kevin's post marks her name, and her bell says he mentioned her.
  await expect(grace.locator('[data-mention]').first()).toHaveText(/^@Grace/)
  await grace.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click()
  await expect(
    grace
      .getByRole('dialog', { name: 'Notifications' })
      .getByText(/mentioned you/)
      .first(),
  ).toBeVisible()
  await grace.keyboard.press('Escape')
  await grace
    .getByLabel('Your reply')
    .fill('Not at first: a seed grows on the food stored inside it. Leaves need light later.')
  await grace.getByRole('button', { name: 'Reply', exact: true }).click()
  const reply = grace.getByRole('listitem').filter({ hasText: 'Not at first' })
  await expect(reply).toBeVisible()
  await reply.getByRole('button', { name: 'Mark as the answer' }).click()
  await expect(reply.getByText('Answer', { exact: true })).toBeVisible()

  // Kevin's open thread shows the answer without a reload; his bell has the reply.
  await expect(kevin.getByText('Not at first: a seed grows')).toBeVisible()
  await expect(kevin.getByText('Answered')).toBeVisible()
  const bell = kevin.getByRole('button', { name: /^Notifications, \d+ unread$/ })
  await bell.click()
  await expect(
    kevin.getByRole('dialog', { name: 'Notifications' }).getByText(`New reply: ${title}`),
  ).toBeVisible()

  // Kevin marks the answer helpful; Grace's page shows it without a reload.
  await kevin.keyboard.press('Escape')
  const kevinsView = kevin.getByRole('listitem').filter({ hasText: 'Not at first' })
  await kevinsView.getByRole('button', { name: 'Helpful: 0 people' }).click()
  await expect(kevinsView.getByRole('button', { name: 'Helpful: 1 person' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect(reply.getByRole('button', { name: 'Helpful: 1 person' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
})

test('a reply with a word on the school’s list waits until the teacher shows it; a classmate reports one', async ({
  browser,
}) => {
  test.info().setTimeout(120_000)
  const title = `Homework help ${Date.now().toString(36)}`
  const lucy = await openAs(browser, 'student2@demo.kipindi.test')
  await lucy.goto(`${SCIENCE}/forum`)
  await lucy.getByRole('button', { name: 'New thread' }).click()
  await lucy.getByLabel('Title').fill(title)
  await lucy.getByLabel('Your post').fill('Who finished the cells worksheet?')
  await lucy.getByRole('button', { name: 'Post thread' }).click()
  await expect(lucy.getByRole('heading', { level: 1, name: title })).toBeVisible()

  const kevin = await openAs(browser, 'student1@demo.kipindi.test')
  await kevin.goto(lucy.url())
  await kevin.getByLabel('Your reply').fill('Only a mjinga would not finish it')
  await kevin.getByRole('button', { name: 'Reply', exact: true }).click()
  await expect(kevin.getByText(/Held for review: some of its words are on the school’s list/)).toBeVisible()
  await lucy.reload()
  await expect(lucy.getByText('Only a mjinga')).toHaveCount(0)
  await expect(lucy.getByText('No replies yet.')).toBeVisible()

  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  await grace.goto(`${SCIENCE}/forum`)
  await grace.getByRole('button', { name: /^To review \(\d+\)$/ }).click()
  await grace.getByRole('link', { name: title }).click()
  const held = grace.getByRole('listitem').filter({ hasText: 'Only a mjinga' })
  await held.getByRole('button', { name: 'Show again' }).click()
  await expect(held.getByText(/Held for review/)).toHaveCount(0)

  // Lucy sees it now and reports it to the teachers.
  await expect(lucy.getByText('Only a mjinga would not finish it')).toBeVisible()
  const reply = lucy.getByRole('listitem').filter({ hasText: 'Only a mjinga' })
  await reply.getByRole('button', { name: 'Report' }).click()
  await reply.getByLabel('Unkind or bullying').check()
  await reply.getByRole('button', { name: 'Send report' }).click()
  await expect(lucy.getByText('Thank you. The course’s teachers will look at it.')).toBeVisible()
  await grace.reload()
  await expect(grace.getByText('1 open report')).toBeVisible()
})
