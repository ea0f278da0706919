import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test'
import type { AxeResults, Result, RunOptions } from 'axe-core'

export const DEMO_PASSWORD = 'kipindi-demo-1'
/**
 * Signed-in states per run port, so two runs on one machine (E2E_PORT) keep their own. Outside
 * Playwright's output folder, which every run empties when it starts (another run's too).
 */
export const AUTH_DIR = path.resolve(
  import.meta.dirname,
  `../../test-results/e2e-auth-${process.env.E2E_PORT ?? 3199}`,
)
export const storageStateOf = (who: string) => path.join(AUTH_DIR, `${who}.json`)

/** A unique address per test run so runs never collide. */
export const uniqueEmail = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.kipindi.test`

/** Signs in through the form, the way a person does. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/signin')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).not.toHaveURL(/\/signin/)
}

/** A fresh Kenyan mobile number: as typed (07…) and as the mailbox shows it (+254…). */
export function freshPhone() {
  const rest = String(Math.floor(Math.random() * 1e8)).padStart(8, '0')
  return { typed: `07${rest}`, e164: `+2547${rest}` }
}

/** The 6-digit code of the newest text to `e164`, read in the local mailbox (in another tab). */
export async function textedCode(context: BrowserContext, e164: string): Promise<string> {
  const mailbox = await context.newPage()
  await mailbox.goto(`/mailbox?to=${encodeURIComponent(e164)}`)
  await mailbox.getByRole('link', { name: /SMS/ }).first().click()
  const text = await mailbox
    .getByText(/\b\d{6}\b/)
    .first()
    .textContent()
  await mailbox.close()
  const code = /\b(\d{6})\b/.exec(text ?? '')?.[1]
  if (!code) throw new Error(`no code texted to ${e164}`)
  return code
}

/** Signs in from the sign-in page with a phone number and the code texted to it. */
export async function signInByPhone(page: Page, typed: string, e164: string) {
  await page.goto('/signin')
  await page.getByRole('link', { name: 'Sign in with your phone number' }).click()
  await expect(page).toHaveURL(/\/signin\/phone/)
  await page.getByLabel('Phone number').fill(typed)
  await page.getByRole('button', { name: 'Send code' }).click()
  await expect(page.getByText('Check your messages')).toBeVisible()
  await expect(page.getByText(/You can ask for a new code in \d+ s/)).toBeVisible()
  await page.getByLabel('Code from the text').fill(await textedCode(page.context(), e164))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/** Contexts openAs made, with the test that made them. */
const opened: { context: BrowserContext; testId: string }[] = []

/**
 * Closes the contexts earlier tests opened with openAs. Contexts made from the `browser` fixture
 * outlive their test; left open, a worker's pages pile up (each with its socket and its refreshes)
 * and slow every later test.
 */
async function closeEarlierContexts(testId: string) {
  const earlier = opened.filter((o) => o.testId !== testId)
  opened.splice(0, opened.length, ...opened.filter((o) => o.testId === testId))
  await Promise.all(earlier.map((o) => o.context.close().catch(() => undefined)))
}

/** A new browser context of `width` (a phone under 600 px) signed in as `email`; answers its page. */
export async function openAs(browser: Browser, email: string, width = 1280): Promise<Page> {
  const { testId } = test.info()
  await closeEarlierContexts(testId)
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 740 : 860 } })
  opened.push({ context, testId })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

/** The demo school's date and time `minutes` from now, as the session form's inputs take them. */
export function onSchoolClock(minutes: number): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Africa/Nairobi',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(Date.now() + minutes * 60_000)
      .map((p) => [p.type, p.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

/** True when nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export const fitsViewport = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)

/** Opens the newest email to `to` in the local mailbox and follows its action link. */
export async function followMailboxLink(page: Page, to: string, subject: RegExp, action: string) {
  await page.goto(`/mailbox?to=${encodeURIComponent(to)}`)
  await page.getByRole('link', { name: subject }).first().click()
  await page.getByRole('link', { name: action }).click()
}

/**
 * As a signed-in instructor: a new course of the demo school with `lessons` (each published with a
 * line of text, in order) and Kevin Mwangi (student1) enrolled. Answers the course's path and each
 * lesson's editor path. The setup brings its own time (30 s per step group) on top of the calling
 * test's timeout: it is a precondition, and under two busy workers it alone took most of a 90 s test.
 */
export async function courseWithLessons(page: Page, title: string, lessons: string[]) {
  test.info().setTimeout(test.info().timeout + 30_000 * (2 + lessons.length))
  await page.goto('/t/demo-academy/courses/new')
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('Level', { exact: true }).selectOption('Grade 4')
  await page.getByLabel('Learning area', { exact: true }).selectOption('Mathematics')
  await page.getByRole('button', { name: 'Create course' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const courseUrl = new URL(page.url()).pathname
  for (const lesson of lessons) {
    await page.getByRole('button', { name: 'Add lesson to this course' }).click()
    await page.getByLabel('New lesson to this course').fill(lesson)
    await page.getByRole('button', { name: 'Add lesson', exact: true }).click()
    await expect(page.getByRole('link', { name: lesson })).toBeVisible()
  }
  // Known issue (see docs/known-issues.md): creating a course changes the author's access, and the
  // refresh that follows can leave the Students panel loading. A reload shows it.
  await page.reload()
  await page.getByLabel('Enrol a student').selectOption({ label: 'Kevin Mwangi' })
  await page.getByRole('button', { name: 'Enrol student' }).click()
  await expect(page.getByRole('button', { name: 'Remove Kevin Mwangi' })).toBeVisible()

  const editUrls: string[] = []
  for (const lesson of lessons) {
    await page.goto(courseUrl)
    await page.getByRole('link', { name: lesson }).click()
    await expect(page).toHaveURL(/\/lessons\/[0-9a-f-]{36}\/edit$/)
    editUrls.push(new URL(page.url()).pathname)
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible()
    await page.locator('.ProseMirror').click()
    await page.keyboard.type('The short hand shows the hour; the long hand shows the minutes.')
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click()
    await expect(page.getByText('Published version 1')).toBeVisible()
  }
  return { courseUrl, editUrls }
}

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: what issue 11 asks every page to pass. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
/** The WCAG rules whose outcome depends on colours alone: all a theme switch can change. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block']

let axeSource: string | undefined
function axeScript(): string {
  if (axeSource === undefined) {
    axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  }
  return axeSource
}

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations, one
 * readable block per rule (`label` says where): every WCAG A/AA rule, or only `rules`. axe is
 * evaluated through Playwright, which the page's CSP does not restrict, so the app is unchanged.
 */
export async function axeViolations(page: Page, label: string, rules?: string[]): Promise<string[]> {
  const options: RunOptions = {
    runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: WCAG_AA },
    resultTypes: ['violations'],
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeScript())
  const results = await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run: (c: Document, o: RunOptions) => Promise<AxeResults> } }).axe.run(
        document,
        options,
      ),
    options,
  )
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => describeViolation(label, v))
}

function describeViolation(label: string, v: Result): string {
  const nodes = v.nodes.slice(0, 5).map((n) => {
    const summary = (n.failureSummary ?? '').replace(/\s+/g, ' ').trim()
    return `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}\n      ${summary}`
  })
  const more = v.nodes.length > 5 ? [`    …and ${v.nodes.length - 5} more`] : []
  return [`[${label}] ${v.id} (${v.impact}): ${v.help}`, ...nodes, ...more].join('\n')
}

/** As a course's teacher on its page: a new quiz (a draft), landing in its editor. */
export async function newQuiz(page: Page, title: string) {
  await page.getByRole('button', { name: 'New quiz' }).click()
  await page.getByRole('dialog').getByLabel('Title').fill(title)
  await page.getByRole('button', { name: 'Create and add questions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
}

/** In a quiz's editor: adds a true-or-false question whose answer is True. */
export async function addTrueQuestion(page: Page, prompt: string) {
  await page.getByRole('button', { name: 'Add a question' }).click()
  await page.getByLabel('Kind of question').selectOption({ label: 'True or false' })
  await page.getByLabel('Question', { exact: true }).fill(prompt)
  await page.getByRole('radio', { name: 'True' }).check()
  await page.getByRole('button', { name: 'Save question' }).click()
  await expect(page.getByText('Answer: True')).toBeVisible()
}

/** In a quiz's or an assignment's settings: publishes it. */
export async function publishSettings(page: Page) {
  await page
    .getByRole('switch', { name: 'Published' })
    .or(page.getByRole('checkbox', { name: 'Published' }))
    .check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved')).toBeVisible()
}

/** As a student in a quiz attempt with everything answered: submits and confirms. */
export async function submitAttempt(page: Page) {
  await page.getByRole('button', { name: 'Submit answers' }).click()
  await page
    .getByRole('alertdialog')
    .or(page.getByRole('dialog'))
    .getByRole('button', { name: 'Submit', exact: true })
    .click()
}
