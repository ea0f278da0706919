import { expect, type Page, test } from '@playwright/test'
import { type FakeAiProvider, startFakeAiProvider } from '../support/fake-ai-provider.ts'
import { fitsViewport, openAs } from './support.ts'

// The AI tutor (issue 14): a student asks about a lesson with no provider (answers from the
// lessons) and with one (a fake OpenAI-compatible service, added by an admin on the settings page),
// and a teacher reads a flagged conversation. One after another: the provider is the school's.

const SCHOOL = '/t/demo-academy'
const KEVIN = 'student1@demo.kipindi.test'
const GRACE = 'instructor1@demo.kipindi.test'
const ADMIN = 'admin@demo.kipindi.test'
/** Grace's Integrated Science, where Kevin is enrolled, and its published "The cell" lesson. */
const SCIENCE = '40000000-0000-4000-a000-000000000001'
const THE_CELL = '42000000-0000-4000-a000-000000000003'
/** The demo's BTEC assignment in Science (scripts/lib/demo-assessments.ts), with Kevin's typed report. */
const PLANT_CELL_REPORT = '43000000-0000-4000-a000-000000000003'
const SHOTS = process.env.TUTOR_SHOTS ?? 'test-results/tutor-shots'

test.describe.configure({ mode: 'serial' })

/** The fake provider's OpenAI-compatible address, once it runs. */
let fakeUrl: () => string = () => {
  throw new Error('the fake provider is not running')
}

async function ask(page: Page, question: string) {
  const box = page.getByLabel('Your question')
  await box.fill(question)
  await box.press('Enter')
}

/** A citation opens the lesson scrolled to its section. */
async function followCitation(page: Page, answer: ReturnType<Page['getByTestId']>) {
  const citation = answer.getByTestId('tutor-citation').first()
  await expect(citation).toContainText('The cell: the basic unit of life')
  const href = (await citation.getAttribute('href')) ?? ''
  expect(href).toMatch(new RegExp(`/lessons/${THE_CELL}#[a-z0-9-]+$`))
  await citation.click()
  await expect(page).toHaveURL(href)
  const section = decodeURIComponent(href.split('#')[1])
  await expect(page.locator(`[id="${section}"]`)).toBeInViewport()
}

test('with no provider, a student asks from a lesson and gets an answer from the lessons', async ({
  browser,
}) => {
  const kevin = await openAs(browser, KEVIN, 375)
  await kevin.goto(`${SCHOOL}/lessons/${THE_CELL}`)
  await kevin.getByRole('link', { name: 'Ask the tutor about this lesson' }).click()
  await expect(kevin.getByTestId('tutor-about')).toHaveText('About: The cell: the basic unit of life')
  await expect(kevin.getByTestId('tutor-privacy')).toContainText('Your teachers for this course')
  await expect(kevin.getByTestId('tutor-status')).toContainText('Answers come from your lessons.')
  await ask(kevin, 'What are the parts of a cell?')
  const answer = kevin.getByTestId('tutor-answer').last()
  await expect(answer.getByTestId('answer-source')).toHaveText('From your lessons')
  await expect(answer).not.toHaveAttribute('aria-busy', 'true')
  // The new conversation has its address and is listed.
  await expect(kevin).toHaveURL(/\/tutor\/[0-9a-f-]{36}$/)
  await expect(kevin.getByTestId('tutor-conversations')).toContainText('What are the parts of a cell?')
  expect(await fitsViewport(kevin)).toBe(true)
  await kevin.screenshot({ path: `${SHOTS}/student-lessons-375.png`, fullPage: true })
  const conversation = kevin.url()
  await followCitation(kevin, answer)
  // The same conversation, continued later, in the dark theme.
  await kevin.emulateMedia({ colorScheme: 'dark' })
  await kevin.goto(conversation)
  await expect(kevin.getByTestId('tutor-answer')).toHaveCount(1)
  await kevin.screenshot({ path: `${SHOTS}/student-dark-375.png`, fullPage: true })
})

test.describe('with a provider', () => {
  let fake: FakeAiProvider
  const key = `e2e-fake-${Date.now().toString(36)}`
  const gradingKey = `e2e-grading-${Date.now().toString(36)}`
  test.beforeAll(async () => {
    fake = await startFakeAiProvider()
    fakeUrl = () => fake.openaiUrl
    fake.script(key, {
      kind: 'stream',
      chunks: [
        'A cell has ',
        'a membrane, ',
        'cytoplasm ',
        'and a nucleus [1]. ',
        'Which part controls the cell?',
      ],
      // Slow enough that a busy machine still sees the answer while it is being written.
      intervalMs: 1_000,
    })
  })
  test.afterAll(async () => fake?.close())

  test('an admin adds it, and a student watches a streamed answer with a working citation', async ({
    browser,
  }) => {
    test.setTimeout(120_000)
    const admin = await openAs(browser, ADMIN)
    await addProvider(admin, key, true)
    await admin.screenshot({ path: `${SHOTS}/settings-desktop.png`, fullPage: true })

    try {
      const kevin = await openAs(browser, KEVIN)
      await kevin.goto(`${SCHOOL}/tutor?course=${SCIENCE}&lesson=${THE_CELL}`)
      await ask(kevin, 'Which parts does a cell have?')
      const answer = kevin.getByTestId('tutor-answer').last()
      await expect(answer.getByTestId('answer-source')).toHaveText('AI tutor')
      // Streamed: the beginning shows while the rest is still being written.
      await expect(
        kevin.locator('[data-testid="tutor-answer"][aria-busy="true"]').filter({ hasText: 'A cell has' }),
      ).toBeVisible()
      await expect(answer).toContainText('Which part controls the cell?')
      await expect(answer).not.toHaveAttribute('aria-busy', 'true')
      // The [1] in the text is a link too.
      await expect(answer.getByRole('link').filter({ hasText: /^\[1\]$/ })).toBeVisible()
      expect(fake.callsFor(key).length).toBeGreaterThan(0)
      await kevin.screenshot({ path: `${SHOTS}/student-ai-desktop.png`, fullPage: true })
      await followCitation(kevin, answer)
    } finally {
      await deleteProvider(admin)
    }
  })

  test('a teacher grades with AI suggestions: each one quotes the work and is hers to accept', async ({
    browser,
  }) => {
    test.setTimeout(120_000)
    fake.script(gradingKey, { kind: 'stream', chunks: [JSON.stringify(SUGGESTIONS)] })
    const admin = await openAs(browser, ADMIN)
    await addProvider(admin, gradingKey, false)
    try {
      // The demo's Plant cell report (BTEC: P1, P2, M1, D1) and Kevin's typed submission.
      const grace = await openAs(browser, GRACE)
      await grace.goto(`${SCHOOL}/assignments/${PLANT_CELL_REPORT}/submissions`)
      await grace.getByRole('link', { name: 'Grade the submission of Kevin Mwangi' }).click()
      await grace.getByRole('button', { name: 'Suggest grades with AI' }).click()
      const panel = grace.getByRole('region', { name: 'AI suggestions' })
      await expect(panel.getByText('Suggested: achieved').first()).toBeVisible({ timeout: 30_000 })
      // The quote is the work's own words; the made-up one was dropped.
      await expect(panel.getByText('An animal cell has no cell wall, no chloroplasts')).toBeVisible()
      await expect(panel.getByText('cells are tiny factories')).toHaveCount(0)
      await panel.getByRole('button', { name: /Accept the suggestion for P1/ }).click()
      await expect(grace.getByRole('radio', { name: 'Achieved' }).first()).toBeChecked()
      await grace.screenshot({ path: `${SHOTS}/grading-suggestions-desktop.png`, fullPage: true })
      expect(fake.callsFor(gradingKey).length).toBe(1)
      expect(fake.callsFor(gradingKey)[0]?.text).not.toContain('Kevin Mwangi')
    } finally {
      await deleteProvider(admin)
    }
  })
})

/** What the fake provider proposes for Kevin's report: three true quotes and one it made up. */
const SUGGESTIONS = {
  suggestions: [
    {
      criterion_id: 'p1',
      achieved: true,
      justification: 'Every part of a plant cell is named.',
      quote:
        'A plant cell has a cell wall, a cell membrane, cytoplasm, a nucleus, chloroplasts and a large vacuole.',
    },
    {
      criterion_id: 'p2',
      achieved: true,
      justification: 'Says what the wall and the chloroplasts do.',
      quote: 'The chloroplasts contain chlorophyll which traps sunlight',
    },
    {
      criterion_id: 'm1',
      achieved: true,
      justification: 'The nucleus and vacuole are explained.',
      quote: 'cells are tiny factories',
    },
    {
      criterion_id: 'd1',
      achieved: true,
      justification: 'Compares with an animal cell.',
      quote: 'An animal cell has no cell wall, no chloroplasts and only small vacuoles.',
    },
  ],
}

/** As the school's admin: adds the fake as an OpenAI-compatible provider named Fake Groq. */
async function addProvider(admin: Page, key: string, checkHints: boolean) {
  await admin.goto(`${SCHOOL}/settings`)
  await admin.getByRole('link', { name: 'Open AI tutor settings' }).click()
  await admin.getByRole('button', { name: 'Add provider' }).click()
  const dialog = admin.getByRole('dialog')
  await dialog.getByLabel('Kind').selectOption('openai')
  await dialog.getByLabel('Name').fill('Fake Groq')
  if (checkHints) {
    await dialog.getByRole('button', { name: 'Add provider' }).click()
    // An OpenAI-compatible service needs its address: said next to the field.
    await expect(dialog.getByText('Enter the base URL of the OpenAI-compatible service.')).toBeVisible()
  }
  await dialog.getByLabel('Base URL').fill(fakeUrl())
  await dialog.getByLabel('Model', { exact: true }).fill('fake-model')
  await dialog.getByLabel('API key').fill(key)
  await dialog.getByRole('button', { name: 'Add provider' }).click()
  const provider = admin.getByTestId('ai-provider')
  await expect(provider).toContainText('Fake Groq')
  await expect(provider).toContainText(`Key ••••${key.slice(-4)}`)
  await expect(admin.getByText(key)).toHaveCount(0)
}

async function deleteProvider(admin: Page) {
  await admin.goto(`${SCHOOL}/settings/ai`)
  await admin.getByRole('button', { name: 'Delete Fake Groq' }).click()
  await admin.getByRole('alertdialog').getByRole('button', { name: 'Delete provider' }).click()
  await expect(admin.getByTestId('ai-provider')).toHaveCount(0)
}

test('a teacher finds a flagged conversation first and reads it', async ({ browser }) => {
  const kevin = await openAs(browser, KEVIN)
  await kevin.goto(`${SCHOOL}/tutor?course=${SCIENCE}`)
  await ask(kevin, 'Sometimes I want to end my life.')
  const answer = kevin.getByTestId('tutor-answer').last()
  await expect(answer.getByTestId('answer-source')).toHaveText('A message for you')
  await expect(answer).toContainText('116')
  await expect(kevin).toHaveURL(/\/tutor\/[0-9a-f-]{36}$/)
  const conversation = kevin.url().split('/').pop() ?? ''

  const grace = await openAs(browser, GRACE, 375)
  await grace.goto(`${SCHOOL}/tutor/review`)
  const first = grace.getByTestId('tutor-conversations').getByRole('link').first()
  await expect(first.getByTestId('flag-badge')).toHaveText('Flagged: self-harm')
  await expect(first).toContainText('Kevin Mwangi')
  await grace.screenshot({ path: `${SHOTS}/review-list-375.png`, fullPage: true })
  // The notification's link opens the conversation, read-only, the flagged message marked.
  await grace.goto(`${SCHOOL}/tutor/review/${conversation}`)
  const flagged = grace.locator('[data-flagged="true"]')
  await expect(flagged).toContainText('Sometimes I want to end my life.')
  await expect(flagged).toContainText('This message was flagged')
  await expect(grace.getByLabel('Your question')).toHaveCount(0)
  expect(await fitsViewport(grace)).toBe(true)
  await grace.screenshot({ path: `${SHOTS}/review-detail-375.png`, fullPage: true })
})
