import { expect, test } from '@playwright/test'
import { freshPhone, signInByPhone, textedCode, uniqueEmail } from './support.ts'

// Parents sign in with their phone number and a texted code. Locally (no SMS provider) the texts land
// in the local mailbox, where these tests read the codes as a parent reads their phone.

test('a parent sets their phone on the account page, then signs in with a texted code', async ({ page }) => {
  test.setTimeout(90_000)
  const email = uniqueEmail('phone')
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Mary Wanjiku')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('by-phone-please-7')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/app/)

  const phone = freshPhone()
  await page.goto('/account')
  await expect(page.getByText('No phone number yet.')).toBeVisible()
  await page.getByLabel('Phone number').fill('12')
  await page.getByRole('button', { name: 'Send code' }).click()
  await expect(page.getByText('Enter a phone number such as 0712 345 678')).toBeVisible()
  await page.getByLabel('Phone number').fill(phone.typed)
  await page.getByRole('button', { name: 'Send code' }).click()
  await expect(page.getByText(/We texted a 6-digit code to \+254 7/)).toBeVisible()
  await page.getByLabel('Code from the text').fill(await textedCode(page.context(), phone.e164))
  await page.getByRole('button', { name: 'Confirm number' }).click()
  await expect(page.getByText('Phone number saved')).toBeVisible()
  const shown = `+254 ${phone.e164.slice(4, 7)} ${phone.e164.slice(7, 10)} ${phone.e164.slice(10)}`
  await expect(page.getByText(shown, { exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(page).toHaveURL(/\/signin|\/$/)

  // A wrong code is refused with a clear message; the texted one signs in.
  await page.goto('/signin/phone')
  await page.getByLabel('Phone number').fill(phone.e164)
  await page.getByRole('button', { name: 'Send code' }).click()
  const code = await textedCode(page.context(), phone.e164)
  await page.getByLabel('Code from the text').fill(code === '000000' ? '111111' : '000000')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('That code is not right')
  await page.getByLabel('Code from the text').fill(code)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/app/)
  await page.goto('/account')
  await expect(page.getByText(shown, { exact: true })).toBeVisible()
})

test('the demo parent signs in with their phone and lands on their home', async ({ page }) => {
  await signInByPhone(page, '0700 000 009', '+254700000009')
  await expect(page.getByRole('heading', { level: 1, name: /Peter Mwangi/ })).toBeVisible()
})
