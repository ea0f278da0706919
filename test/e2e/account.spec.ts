import { expect, test } from '@playwright/test'
import { followMailboxLink, uniqueEmail } from './support.ts'

test('changing the email waits for the links sent to both inboxes', async ({ page }) => {
  const email = uniqueEmail('mover')
  const next = uniqueEmail('moved')
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Moving Teacher')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('moving-day-7')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/app/)

  await page.goto('/account')
  await page.getByLabel('New email').fill(next)
  await page.getByRole('button', { name: 'Change email' }).click()
  await expect(
    page.getByText(`We sent a confirmation link to ${email} and another to ${next}.`, { exact: false }),
  ).toBeVisible()
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible()

  // The new inbox first: accepted, but the email has not changed yet.
  await followMailboxLink(page, next, /Confirm your new email address/, 'Confirm the new email')
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByText('One link is confirmed.', { exact: false })).toBeVisible()
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible()

  // Then the current inbox: now it changes.
  await followMailboxLink(page, email, /Confirm the change of your Kipindi email/, 'Confirm the new email')
  await expect(page.getByText(`Signed in as ${next}`)).toBeVisible()
  await expect(page.getByText('Check both inboxes')).toHaveCount(0)
})
