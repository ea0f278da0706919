import { expect, test } from '@playwright/test'
import { followMailboxLink, signIn, storageStateOf, uniqueEmail } from './support.ts'

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
