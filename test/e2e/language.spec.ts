import { expect, test } from '@playwright/test'
import { uniqueEmail } from './support.ts'

// The browser asks for Kiswahili (navigator.languages = ['sw-KE']), as a Kenyan phone set to it does.
test.use({ locale: 'sw-KE' })

test('a student whose phone speaks Kiswahili gets Kipindi and its emails in Kiswahili, and can switch to English', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('mwanafunzi')
  await page.goto('/signup')
  await expect(page.locator('html')).toHaveAttribute('lang', 'sw')
  await expect(page.getByRole('heading', { name: 'Fungua akaunti yako' })).toBeVisible()
  await page.getByLabel('Jina la kuonyeshwa').fill('Amina Wanjiru')
  await page.getByLabel('Barua pepe', { exact: true }).fill(email)
  await page.getByLabel('Nenosiri', { exact: true }).fill('somo-jipya-7')
  await page.getByRole('button', { name: 'Jisajili' }).click()
  await expect(page).toHaveURL(/\/app/)

  // The account keeps the language: a reset link asked for on another device comes in Kiswahili.
  const other = await browser.newContext({ locale: 'sw-KE' })
  const phone = await other.newPage()
  await phone.goto('/forgot-password')
  await phone.getByLabel('Barua pepe', { exact: true }).fill(email)
  await phone.getByRole('button', { name: 'Tuma kiungo cha kuweka upya' }).click()
  await expect(phone.getByText('tumetuma kiungo', { exact: false })).toBeVisible()
  await phone.goto(`/mailbox?to=${encodeURIComponent(email)}`)
  await expect(phone.getByRole('link', { name: /Badilisha nenosiri lako la Kipindi/ })).toBeVisible()
  await other.close()

  // The account page shows the choice; the header switch changes everything in place.
  await page.goto('/account')
  await expect(page.getByRole('heading', { name: 'Akaunti', exact: true })).toBeVisible()
  await expect(page.getByRole('radio', { name: 'Kiswahili' })).toBeChecked()
  await page.getByRole('button', { name: /Lugha: English/ }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toBeVisible()
  await expect(page.getByRole('radio', { name: 'English' })).toBeChecked()

  // Kept on this device and in the account.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect.poll(() => page.evaluate(() => localStorage.getItem('kipindi.locale'))).toBe('en')
})
