import { expect, test } from '@playwright/test'
import { openAs } from './support.ts'

// Direct messages and the rule for minors (issue 19). Kevin (a student whose birth date the school
// has not recorded: a minor) writes from a 375 px phone. "New message" offers his teachers, his
// classmate and his father, never the school's staff member or the partner's officer. He writes to Grace; she sees the
// conversation marked unread, answers, and Kevin's open conversation shows the answer without a
// reload. Brian, an admin, records Kevin's date of birth on Kevin's page (then clears it again). Peter, Kevin's father, reads Grace's answer to him.

const SCHOOL = '/t/demo-academy'

test('a student messages his teacher from a phone; only people the rule allows are offered', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const words = `Is the homework due on Friday? ${Date.now().toString(36)}`
  const kevin = await openAs(browser, 'student1@demo.kipindi.test', 375)
  await kevin.goto(`${SCHOOL}/messages`)
  await expect(kevin.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible()
  await expect(kevin.getByText('Students younger than 18 message their teachers')).toBeVisible()

  await kevin.getByRole('button', { name: 'New message' }).click()
  const offered = kevin.getByRole('button', { name: /^Write to / })
  await expect(offered.first()).toBeVisible()
  const names = await offered.evaluateAll((list) => list.map((b) => b.getAttribute('aria-label')))
  expect(names).toEqual(
    expect.arrayContaining(['Write to Grace Njeri', 'Write to Lucy Wambui', 'Write to Peter Mwangi']),
  )
  // Other specs may make more teachers or classmates of Kevin's; the school's staff member and the
  // partner's officer never teach him.
  expect(names).not.toContain('Write to Faith Achieng')
  expect(names).not.toContain('Write to Joyce Atieno')
  await kevin.getByRole('searchbox', { name: 'Find a person' }).fill('gra')
  await expect(offered).toHaveCount(1)
  await offered.click()
  await expect(kevin).toHaveURL(/\/messages\/[0-9a-f-]{36}$/)
  await kevin.getByRole('textbox', { name: 'Message Grace Njeri' }).fill(words)
  await kevin.keyboard.press('Enter')
  const kevinLog = kevin.getByRole('log', { name: 'Messages with Grace Njeri' })
  await expect(kevinLog.getByText(words)).toBeVisible()

  // Grace: the conversation is unread in her list; she opens it and answers.
  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  await grace.goto(`${SCHOOL}/messages`)
  const row = grace.getByRole('region', { name: 'Conversations' }).getByRole('link', { name: /Kevin Mwangi/ })
  await expect(row).toContainText(words.slice(0, 30))
  await expect(row).toContainText('unread')
  await row.click()
  const graceLog = grace.getByRole('log', { name: 'Messages with Kevin Mwangi' })
  await expect(graceLog.getByText(words)).toBeVisible()
  await expect(row).not.toContainText('unread')
  const answer = `Yes, Friday, page 12. ${Date.now().toString(36)}`
  await grace.getByRole('textbox', { name: 'Message Kevin Mwangi' }).fill(answer)
  await grace.getByRole('button', { name: 'Send' }).click()
  await expect(graceLog.getByText(answer)).toBeVisible()
  await expect(kevinLog.getByText(answer)).toBeVisible()

  // Brian, an admin, records Kevin's date of birth on his page, then clears it.
  const brian = await openAs(browser, 'admin@demo.kipindi.test')
  await brian.goto(`${SCHOOL}/members`)
  await brian.getByRole('link', { name: 'Kevin Mwangi' }).click()
  await expect(brian.getByRole('heading', { name: 'School records' })).toBeVisible()
  const born = brian.getByRole('textbox', { name: 'Date of birth' })
  await born.fill('2013-04-09')
  await brian.getByRole('button', { name: 'Save' }).click()
  await expect(brian.getByText('Date of birth saved.')).toBeVisible()
  await brian.getByRole('button', { name: 'Clear' }).click()
  await expect(brian.getByText('Date of birth cleared.')).toBeVisible()
  await expect(born).toHaveValue('')

  // Peter, Kevin's father, finds Grace's answer to his question (seeded) waiting for him.
  const peter = await openAs(browser, 'parent@demo.kipindi.test', 375)
  await peter.goto(`${SCHOOL}/messages`)
  const withGrace = peter.getByRole('link', { name: /Grace Njeri/ })
  await expect(withGrace).toContainText('Ask him to show you the diagram')
  await withGrace.click()
  await expect(peter.getByRole('log', { name: 'Messages with Grace Njeri' })).toContainText(
    'Kevin says the cell lesson was hard',
  )
  await expect(peter.getByRole('textbox', { name: 'Message Grace Njeri' })).toBeVisible()
})
