import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { uniqueEmail } from './support.ts'

// Parents sign in with their phone number and a texted code. Locally (no SMS provider) the texts land
// in the local mailbox, where these tests read the codes as a parent reads their phone.

/** A fresh Kenyan mobile number: as typed (07…) and as the mailbox shows it (+254…). */
function freshPhone() {
  const rest = String(Math.floor(Math.random() * 1e8)).padStart(8, '0')
  return { typed: `07${rest}`, e164: `+2547${rest}` }
}

/** The 6-digit code of the newest text to `e164`, read in the local mailbox (in another tab). */
async function textedCode(context: BrowserContext, e164: string): Promise<string> {
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

async function signInByPhone(page: Page, typed: string, e164: string) {
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
