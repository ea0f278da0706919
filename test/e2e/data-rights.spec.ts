import { type Browser, expect, type Page, test } from '@playwright/test'
import { followMailboxLink, uniqueEmail } from './support.ts'

// Data rights (issue 17) with people and a school made here, never the demo school: an account is
// deleted and cannot sign in again; an owner hands the school to an admin with their password.

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto('/signup')
  await page.getByLabel('Display name').fill(name)
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/app/)
}

test('a person deletes their account with their password and cannot sign in again', async ({ page }) => {
  const email = uniqueEmail('leaver')
  const password = 'goodbye-kipindi-7'
  await signUp(page, 'Leaving Learner', email, password)

  await page.goto('/account')
  await expect(page.getByText(/ledger records/)).toBeVisible()
  await page.getByRole('button', { name: 'Delete my account…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' })
  await dialog.getByLabel('Your password').fill('not-my-password-1')
  await dialog.getByRole('button', { name: 'Delete my account', exact: true }).click()
  await expect(dialog.getByText('That is not your password.')).toBeVisible()
  await dialog.getByLabel('Your password').fill(password)
  await dialog.getByRole('button', { name: 'Delete my account', exact: true }).click()
  await expect(page.getByText('Your account is deleted.')).toBeVisible()
  await expect(page).toHaveURL(/\/$/)

  await page.goto('/signin')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('do not match an account')
  await page.goto('/account')
  await expect(page).toHaveURL(/\/signin/)
})

async function inviteAdmin(browser: Browser, owner: Page, school: string) {
  const email = uniqueEmail('deputy')
  await owner.getByRole('link', { name: 'Members' }).first().click()
  await owner.getByLabel('Invite email').fill(email)
  await owner.getByLabel('Role').selectOption('admin')
  await owner.getByRole('button', { name: 'Send invitation' }).click()
  await expect(owner.getByText(email, { exact: true })).toBeVisible()
  const context = await browser.newContext()
  const page = await context.newPage()
  await followMailboxLink(page, email, new RegExp(school), 'Open the invitation')
  await page.getByRole('link', { name: 'Create an account' }).click()
  await page.getByLabel('Display name').fill('Deputy Head')
  await page.getByLabel('Password', { exact: true }).fill('deputy-pass-9')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.getByRole('button', { name: 'Accept invitation' }).click()
  await expect(page.locator('main .badge').first()).toHaveText('Admin')
  return { context, page }
}

test('an owner hands the school to an admin, confirmed with the password', async ({ browser }) => {
  const founder = await browser.newContext()
  const page = await founder.newPage()
  const password = 'handover-pass-3'
  const school = `Handover Academy ${Date.now().toString(36)}`
  await signUp(page, 'Outgoing Owner', uniqueEmail('outgoing'), password)
  await page.getByLabel('School name').fill(school)
  await page.getByRole('button', { name: 'Create school' }).click()
  await expect(page.locator('main .badge').first()).toHaveText('Owner')
  const slug = new URL(page.url()).pathname.split('/')[2]
  const deputy = await inviteAdmin(browser, page, school)

  await page.goto(`/t/${slug}/settings`)
  await page.getByRole('button', { name: 'Transfer ownership…' }).click()
  const dialog = page.getByRole('dialog', { name: `Transfer ownership of ${school}?` })
  await expect(dialog.getByLabel('New owner')).toContainText('Deputy Head')
  await dialog.getByLabel('Your password').fill('wrong-pass-0')
  await dialog.getByRole('button', { name: 'Transfer ownership' }).click()
  await expect(dialog.getByText('That is not your password.')).toBeVisible()
  await dialog.getByLabel('Your password').fill(password)
  await dialog.getByRole('button', { name: 'Transfer ownership' }).click()
  await expect(page.getByText(`Deputy Head now owns ${school}.`)).toBeVisible()

  await page.reload()
  await expect(page.locator('main .badge').first()).toHaveText('Admin')
  await expect(page.getByRole('button', { name: 'Transfer ownership…' })).toHaveCount(0)
  await deputy.page.goto(`/t/${slug}/settings`)
  await expect(deputy.page.locator('main .badge').first()).toHaveText('Owner')
  await expect(deputy.page.getByRole('button', { name: 'Transfer ownership…' })).toBeVisible()

  await founder.close()
  await deputy.context.close()
})
