import path from 'node:path'
import { expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'kipindi-demo-1'
/** Signed-in states per run port, so two runs on one machine (E2E_PORT) keep their own. */
export const AUTH_DIR = path.resolve(
  import.meta.dirname,
  `../../test-results/e2e/.auth-${process.env.E2E_PORT ?? 3199}`,
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
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/signin/)
}

/** Opens the newest email to `to` in the local mailbox and follows its action link. */
export async function followMailboxLink(page: Page, to: string, subject: RegExp, action: string) {
  await page.goto(`/mailbox?to=${encodeURIComponent(to)}`)
  await page.getByRole('link', { name: subject }).first().click()
  await page.getByRole('link', { name: action }).click()
}
