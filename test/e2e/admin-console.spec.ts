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

// The platform's dashboard (issue 20): the whole platform week by week, each chart with its numbers
// as a table; the period is in the address.
test('the superadmin sees the platform week by week, each chart with its numbers', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf('superadmin') })
  const page = await context.newPage()
  await page.goto('/admin')
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Platform' }).click()
  await expect(page).toHaveURL(/\/admin\?view=platform$/)
  const platform = page.getByRole('region', { name: 'The platform' })
  await expect(platform.getByText('Active students this week')).toBeVisible()
  await expect(
    platform.getByRole('region', { name: 'Members by role' }).getByRole('rowheader', { name: 'Student' }),
  ).toBeVisible()

  const chart = platform.getByRole('figure', { name: 'Active students' })
  await chart.getByText('Show the numbers').click()
  const table = chart.getByRole('table', { name: 'Active students' })
  await expect(table.getByRole('columnheader', { name: 'Week of' })).toBeVisible()
  await expect(table.getByRole('row')).toHaveCount(13) // the heading and 12 weeks

  await platform.getByLabel('Period').selectOption({ label: 'Last 4 weeks' })
  await expect(page).toHaveURL(/view=platform&weeks=4|weeks=4&view=platform/)
  await page.reload()
  const shorter = page.getByRole('figure', { name: 'Tutoring sessions' })
  await shorter.getByText('Show the numbers').click()
  await expect(shorter.getByRole('table', { name: 'Tutoring sessions' }).getByRole('row')).toHaveCount(5)
  await context.close()
})
