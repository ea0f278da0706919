import { expect, test } from '@playwright/test'
import { followMailboxLink, storageStateOf, uniqueEmail } from './support.ts'

// The platform console (issue 17): the superadmin creates a school for someone, its owner joins
// from the invitation, the superadmin suspends the school and the owner sees the notice in place
// (their live connection hears it); reactivated, the owner gets their school back. A school of its
// own: never the demo school, which other specs use at the same time.
test('the superadmin creates, suspends and reactivates a school; its owner sees the notice, then the school', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const stamp = Date.now().toString(36)
  const name = `Mwangaza Console ${stamp}`
  const slug = `mwangaza-${stamp}`
  const ownerEmail = uniqueEmail('console-owner')

  const adminContext = await browser.newContext({ storageState: storageStateOf('superadmin') })
  const admin = await adminContext.newPage()
  await admin.goto('/admin')
  await admin.getByRole('button', { name: 'Create a school' }).click()
  await admin.getByLabel('School name').fill(name)
  await admin.getByLabel('School address').fill(slug)
  await admin.getByLabel('Owner’s email').fill(ownerEmail)
  await admin.getByRole('button', { name: 'Create and invite' }).click()
  await admin.getByLabel('Search schools').fill(slug)
  const row = admin.locator(`tr[data-school="${slug}"]`)
  await expect(row.getByText('Active', { exact: true })).toBeVisible()
  await expect(row.getByText('Free', { exact: true })).toBeVisible()

  // The owner joins from the emailed invitation.
  const ownerContext = await browser.newContext()
  const owner = await ownerContext.newPage()
  await followMailboxLink(owner, ownerEmail, new RegExp(name), 'Open the invitation')
  await owner.getByRole('link', { name: 'Create an account' }).click()
  await owner.getByLabel('Display name').fill('Achieng Owner')
  await owner.getByLabel('Password', { exact: true }).fill('mwangaza-2026')
  await owner.getByRole('button', { name: 'Sign up' }).click()
  await owner.getByRole('button', { name: 'Accept invitation' }).click()
  await expect(owner.locator('main .badge').first()).toHaveText('Owner')
  await expect(owner).toHaveURL(new RegExp(`/t/${slug}`))

  // Suspended: the owner's open page turns into the notice, with the reason (owners see it).
  await row.getByRole('button', { name: `Suspend: ${name}` }).click()
  await admin.getByLabel('Reason (kept in the audit log)').fill('Unpaid invoices since March')
  await admin.getByRole('dialog').getByRole('button', { name: 'Suspend' }).click()
  await expect(row.getByText('Suspended', { exact: true })).toBeVisible()
  const notice = owner.getByTestId('school-suspended')
  await expect(notice).toBeVisible({ timeout: 15_000 })
  await expect(notice.getByRole('heading', { name: `${name} is suspended` })).toBeVisible()
  await expect(notice.getByText('Reason given: Unpaid invoices since March')).toBeVisible()
  // Still the notice after a reload, not an error page.
  await owner.reload()
  await expect(owner.getByTestId('school-suspended')).toBeVisible()

  // The superadmin still sees the school, with a banner.
  await admin.goto(`/t/${slug}`)
  await expect(admin.getByText(/This school is suspended\. Members see a notice/)).toBeVisible()

  // Reactivated: the owner is back in their school.
  await admin.goto(`/admin?q=${slug}`)
  await row.getByRole('button', { name: `Reactivate: ${name}` }).click()
  await admin.getByLabel('Reason (kept in the audit log)').fill('Paid in full')
  await admin.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click()
  await expect(row.getByText('Active', { exact: true })).toBeVisible()
  await expect(owner.getByTestId('school-suspended')).toBeHidden({ timeout: 15_000 })
  await expect(owner.locator('main .badge').first()).toHaveText('Owner')

  await ownerContext.close()
  await adminContext.close()
})
