import { expect, test } from '@playwright/test'
import { fitsViewport, followMailboxLink, signIn, storageStateOf, uniqueEmail } from './support.ts'

test.describe('as the superadmin', () => {
  test.use({ storageState: storageStateOf('superadmin') })

  test('searches all schools', async ({ page }) => {
    await page.goto('/admin')
    await page.getByLabel('Search schools').fill('demo')
    await expect(page.getByText('Kipindi Demo Academy')).toBeVisible()
    await expect(page.getByText('owner@demo.kipindi.test')).toBeVisible()
    await page.getByLabel('Search schools').fill('no-such-school-xyz')
    await expect(page.getByText('Kipindi Demo Academy')).toBeHidden()
  })
})

test.describe('as a student', () => {
  test.use({ storageState: storageStateOf('student') })

  test('sees their role and cannot manage members or open the admin page', async ({ page }) => {
    await page.goto('/t/demo-academy')
    await expect(page.getByRole('heading', { level: 1, name: 'Hello, Kevin Mwangi' })).toBeVisible()
    await expect(page.getByText('Student', { exact: true })).toBeVisible()
    await page.goto('/t/demo-academy/members')
    await expect(page.getByRole('button', { name: 'Send invitation' })).toHaveCount(0)
    await page.goto('/admin')
    await expect(page.getByText(/superadmin|not allowed|permission|access/i).first()).toBeVisible()
  })
})

test.describe('as the owner', () => {
  test.use({ storageState: storageStateOf('owner') })

  test('switches to the dark theme and keeps it after a reload', async ({ page }) => {
    await page.goto('/t/demo-academy')
    await page.getByRole('button', { name: /^Theme:/ }).click()
    await page.getByRole('menuitemradio', { name: 'Dark' }).click()
    await expect(page.locator('html')).toHaveClass(/dark/)
    await page.reload()
    await expect(page.locator('html')).toHaveClass(/dark/)
  })

  test('cannot remove the last owner: the page says why', async ({ page }) => {
    await page.goto('/t/demo-academy/members')
    await expect(page.getByRole('button', { name: /Remove Amina/ })).toHaveCount(0)
  })
})

test.describe('as the owner on a phone', () => {
  test.use({ storageState: storageStateOf('owner'), viewport: { width: 375, height: 740 } })

  test('finds members by name, email and role; the search lives in the URL; rows stay compact', async ({
    page,
  }) => {
    await page.goto('/t/demo-academy/members')
    const rows = page.locator('tbody tr')
    const kevin = rows.filter({ hasText: 'Kevin Mwangi' })
    await expect(kevin).toBeVisible()
    expect(await fitsViewport(page)).toBe(true)
    // One line per person: the details open under a button.
    await expect(kevin.getByText('student1@demo.kipindi.test')).toBeHidden()
    const details = kevin.getByRole('button', { name: 'Details for Kevin Mwangi' })
    await expect(details).toHaveAttribute('aria-expanded', 'false')
    await details.click()
    await expect(details).toHaveAttribute('aria-expanded', 'true')
    await expect(kevin.getByText('student1@demo.kipindi.test')).toBeVisible()
    expect(await fitsViewport(page)).toBe(true)

    await page.getByLabel('Search members').fill('STUDENT2@demo')
    await expect(page).toHaveURL(/[?&]q=STUDENT2%40demo/)
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('Lucy Wambui')
    await expect(page.getByText('1 member matches')).toBeVisible()

    await page.getByLabel('Search members').fill('')
    await page.getByLabel('Show').selectOption('instructor')
    await expect(page).toHaveURL(/[?&]role=instructor/)
    await expect(rows).toHaveCount(2)
    await page.reload()
    await expect(page.getByLabel('Show')).toHaveValue('instructor')
    await expect(rows).toHaveCount(2)
    await expect(rows.filter({ hasText: 'Grace Njeri' })).toBeVisible()

    await page.goto('/t/demo-academy/members?q=nobody-by-this-name')
    await expect(page.getByText('No members match')).toBeVisible()
    await page.getByRole('button', { name: 'Clear search' }).click()
    await expect(page.getByLabel('Search members')).toHaveValue('')
    await expect(kevin).toBeVisible()

    // A page past the end (an old link) shows the last one.
    await page.goto('/t/demo-academy/members?page=9')
    await expect(kevin).toBeVisible()
    await expect(page).not.toHaveURL(/page=/)
    expect(await fitsViewport(page)).toBe(true)
  })
})

test('a person resets a forgotten password with the code from the email', async ({ page }) => {
  const email = uniqueEmail('codey')
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Codey Parent')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('first-pass-1')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/app/)
  await page.evaluate(() => localStorage.clear())

  await page.goto('/forgot-password')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByText(/if an account exists/i)).toBeVisible()

  // The code, read from the email in another tab (the local mailbox).
  const mailbox = await page.context().newPage()
  await mailbox.goto(`/mailbox?to=${encodeURIComponent(email)}`)
  await mailbox.getByRole('link', { name: /reset/i }).first().click()
  const code = /code: (\d{6})/.exec(await mailbox.locator('main').innerText())?.[1] ?? ''
  expect(code).toMatch(/^\d{6}$/)
  await mailbox.close()

  await page.getByLabel('6-digit code').fill(code === '000000' ? '111111' : '000000')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByText(/expired or was already used/)).toBeVisible()
  await page.getByLabel('6-digit code').fill(code)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(/\/reset-password$/)
  await page.getByLabel('New password').fill('third-pass-3')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page).not.toHaveURL(/reset-password/)

  await page.evaluate(() => localStorage.clear())
  await signIn(page, email, 'third-pass-3')
  await expect(page).toHaveURL(/\/app/)
})

test('a person resets a forgotten password through the mailbox and signs in with it', async ({
  page,
  request,
}) => {
  // A fresh account, so the demo passwords stay as printed.
  const email = uniqueEmail('forgetful')
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Forgetful Parent')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('first-pass-1')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/app/)
  await page.context().clearCookies()
  await page.evaluate(() => localStorage.clear())

  await page.goto('/forgot-password')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByText(/if an account exists/i)).toBeVisible()

  await followMailboxLink(page, email, /reset/i, 'Reset your password')
  await page.getByLabel('New password').fill('second-pass-2')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page).not.toHaveURL(/reset-password/)

  await page.evaluate(() => localStorage.clear())
  await signIn(page, email, 'second-pass-2')
  await expect(page).toHaveURL(/\/app/)
  expect(request).toBeTruthy()
})
