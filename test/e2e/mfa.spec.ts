import { expect, test } from '@playwright/test'
import * as OTPAuth from 'otpauth'
import { uniqueEmail } from './support.ts'

/** The code an authenticator app shows `offsetSeconds` from now for `secret`. */
const codeOf = (secret: string, offsetSeconds = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offsetSeconds * 1000,
  })

test('a new account turns on an authenticator app and signs in again with its code', async ({ page }) => {
  const email = uniqueEmail('mfa')
  const password = 'two-steps-please-9'
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Careful Teacher')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/app/)

  await page.goto('/account')
  await page.getByRole('link', { name: 'Authenticator app and devices' }).click()
  await expect(page).toHaveURL(/\/account\/security$/)
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click()
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible()
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? ''
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await page.getByLabel('Code from the app').fill(codeOf(secret))
  await page.getByRole('button', { name: 'Turn on' }).click()

  // Recovery codes, shown once.
  const codes = page.getByTestId('recovery-codes').getByRole('listitem')
  await expect(codes).toHaveCount(10)
  await page.getByRole('button', { name: 'I have saved them' }).click()
  await expect(page.getByText('On: signing in asks for a code')).toBeVisible()
  await expect(page.getByText('This device', { exact: true })).toBeVisible()

  // Sign out and in again: the password alone is not enough.
  await page.goto('/account')
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await page.goto('/signin')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/signin\/mfa/)
  // A signed-in page sends a session without the code back to the step.
  await page.goto('/account')
  await expect(page).toHaveURL(/\/signin\/mfa/)

  await page.getByLabel('Code from the app').fill('000000' === codeOf(secret, 30) ? '111111' : '000000')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('alert')).toContainText('That code is not right')

  // The code of the next 30-second step: the one used to turn the app on is refused as a replay.
  await page.getByLabel('Code from the app').fill(codeOf(secret, 30))
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await page.goto('/account/security')
  await expect(page.getByText('On: signing in asks for a code')).toBeVisible()
})
