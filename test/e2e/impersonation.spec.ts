import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, followMailboxLink, uniqueEmail } from './support.ts'

// Issue 17: the superadmin acts as a school's owner for support — with a reason, a banner on every
// page, a time limit — renames the school as her, ends it and is herself again; the school's audit
// log shows the change by both of them. A school of its own, never the demo school.
test('the superadmin impersonates an owner, acts, ends it, and the audit log names both', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const stamp = Date.now().toString(36)
  const email = uniqueEmail('supported')
  const school = `Msaada Academy ${stamp}`
  const slug = `msaada-${stamp}`
  // Signed in here (not the shared signed-in state): she returns to this very session at the end.
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/signin')
  await page.getByLabel('Email', { exact: true }).fill('superadmin@kipindi.test')
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).not.toHaveURL(/\/signin/)
  await page.goto('/admin')
  await page.getByRole('button', { name: 'Create a school' }).click()
  await page.getByLabel('School name').fill(school)
  await page.getByLabel('School address').fill(slug)
  await page.getByLabel('Owner’s email').fill(email)
  await page.getByRole('button', { name: 'Create and invite' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()

  // Its owner joins from the invitation.
  const ownerContext = await browser.newContext()
  const owner = await ownerContext.newPage()
  await followMailboxLink(owner, email, new RegExp(school), 'Open the invitation')
  await owner.getByRole('link', { name: 'Create an account' }).click()
  await owner.getByLabel('Display name').fill('Wanjiru Mwalimu')
  await owner.getByLabel('Password', { exact: true }).fill('msaada-2026-x')
  await owner.getByRole('button', { name: 'Sign up' }).click()
  await owner.getByRole('button', { name: 'Accept invitation' }).click()
  await expect(owner).toHaveURL(new RegExp(`/t/${slug}`))
  await ownerContext.close()

  // The superadmin finds her and says why.
  await page.getByLabel('Find a person').fill(email)
  await page.getByRole('button', { name: 'Impersonate Wanjiru Mwalimu' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(/^Why/).fill('Cannot rename the school (ticket 5150)')
  await dialog.getByRole('button', { name: 'Start acting as them' }).click()

  // Acting as her, with the banner on every page.
  await expect(page).toHaveURL(new RegExp(`/t/${slug}`))
  const banner = page.getByTestId('impersonation-banner')
  await expect(banner).toContainText('You are acting as Wanjiru Mwalimu for support')
  await expect(banner).toContainText('Cannot rename the school (ticket 5150)')
  await expect(banner).toContainText(/(30|29) min left/)
  await page.goto(`/t/${slug}/settings`)
  await expect(banner).toBeVisible()
  await page.getByLabel('School name').fill(`${school} (renamed)`)
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Settings saved')).toBeVisible()
  // Her sign-in details are out of reach meanwhile.
  await page.goto('/account/security')
  await expect(banner).toBeVisible()
  await expect(page.getByText(/Not while acting as someone for support/).first()).toBeVisible()

  // End: herself again, on the console.
  await banner
    .getByRole('button', { name: 'Stop acting as Wanjiru Mwalimu and return to your own account' })
    .click()
  await expect(page).toHaveURL(/\/admin/)
  await expect(banner).toBeHidden()
  await expect(page.getByRole('button', { name: 'Create a school' })).toBeVisible()

  // The school's log: the rename by both identities, and the impersonation's start and end.
  await page.goto(`/t/${slug}/audit`)
  const renamed = page.getByRole('row').filter({ hasText: 'tenant.updated' })
  await expect(renamed.getByRole('button', { name: 'Show only actions by Wanjiru Mwalimu' })).toHaveText(
    'Sam Superadmin as Wanjiru Mwalimu',
  )
  await expect(page.getByRole('cell', { name: 'impersonation.started' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'impersonation.ended' })).toBeVisible()
  await context.close()
})
