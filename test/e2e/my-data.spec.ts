import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { uniqueEmail } from './support.ts'

// Issue 17: a founder reads her school's audit log (filtered, exported as CSV) and downloads her data.

test('an owner reads and exports the audit log, and downloads her own data', async ({ page }) => {
  const email = uniqueEmail('auditor')
  const school = `Audit Academy ${Date.now().toString(36)}`
  await page.goto('/signup')
  await page.getByLabel('Display name').fill('Achieng Auditor')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('audit-trail-26')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.getByLabel('School name').fill(school)
  await page.getByRole('button', { name: 'Create school' }).click()
  await expect(page.getByRole('heading', { name: 'This week' })).toBeVisible()
  const slug = new URL(page.url()).pathname.split('/')[2]

  // From the settings page to the log: the school's creation, by her.
  await page.goto(`/t/${slug}/settings`)
  await page.getByRole('link', { name: 'Open the audit log' }).click()
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/audit$`))
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'tenant.created' })).toBeVisible()

  // A filter lives in the URL; the actor's name narrows to her actions.
  await page.getByLabel('Action', { exact: true }).selectOption('member')
  await expect(page).toHaveURL(/action=member/)
  await expect(page.getByRole('cell', { name: 'member.added' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'tenant.created' })).toHaveCount(0)

  const csv = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const file = await csv
  expect(file.suggestedFilename()).toMatch(new RegExp(`^audit-log-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`))
  const text = await readFile((await file.path()) as string, 'utf8')
  expect(text.split('\r\n')[0]).toBe(
    'time,actor,actor_id,action,target_type,target_id,ip,details,impersonator,impersonator_id',
  )
  expect(text).toContain('member.added')
  expect(text).not.toContain('tenant.created')

  // My data, from the account page.
  await page.goto('/account')
  const json = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download my data' }).click()
  const mine = await json
  expect(mine.suggestedFilename()).toMatch(/^kipindi-my-data-\d{4}-\d{2}-\d{2}\.json$/)
  const doc = JSON.parse(await readFile((await mine.path()) as string, 'utf8'))
  expect(doc.account.email).toBe(email)
  expect(doc.memberships).toEqual([expect.objectContaining({ school, role: 'owner' })])
})
