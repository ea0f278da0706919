import { expect, test } from '@playwright/test'
import { checkPassword } from '../../edge/contract/password.ts'
import { followMailboxLink, uniqueEmail } from './support.ts'

test('a new person signs up, creates a school, invites an instructor who accepts from the mailbox', async ({
  browser,
}) => {
  const founder = await browser.newContext()
  const page = await founder.newPage()
  const ownerEmail = uniqueEmail('founder')
  const school = `Mwangaza Academy ${Date.now().toString(36)}`

  // Sign up, watching the password policy update as we type.
  await page.goto('/')
  await page
    .getByRole('link', { name: /get started/i })
    .first()
    .click()
  await page.getByLabel('Display name').fill('Wanjiku Founder')
  await page.getByLabel('Email', { exact: true }).fill(ownerEmail)
  await page.getByLabel('Password', { exact: true }).fill('short')
  expect(checkPassword('short').some((r) => !r.ok)).toBe(true)
  await expect(page.getByText(/at least 8 characters/i)).toBeVisible()
  await page.getByLabel('Password', { exact: true }).fill('mwangaza-2026')
  await page.getByRole('button', { name: 'Sign up' }).click()

  // No school yet: create one and land on its home as owner.
  await page.getByLabel('School name').fill(school)
  await page.getByRole('button', { name: 'Create school' }).click()
  await expect(page.getByRole('heading', { name: 'This week' })).toBeVisible()
  await expect(page.locator('main .badge').first()).toHaveText('Owner')

  // Invite an instructor.
  const instructorEmail = uniqueEmail('teacher')
  await page.getByRole('link', { name: 'Members' }).first().click()
  await page.getByLabel('Invite email').fill(instructorEmail)
  await page.getByLabel('Role').selectOption('instructor')
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByText(instructorEmail, { exact: true })).toBeVisible()

  // Still signed in after a reload.
  await page.reload()
  await expect(page.getByText(instructorEmail, { exact: true })).toBeVisible()

  // The instructor, in another browser, opens the invitation from the local mailbox.
  const invitee = await browser.newContext()
  const inviteePage = await invitee.newPage()
  await followMailboxLink(inviteePage, instructorEmail, new RegExp(school), 'Open the invitation')
  await expect(inviteePage.getByText(school).first()).toBeVisible()
  await inviteePage.getByRole('link', { name: 'Create an account' }).click()
  await inviteePage.getByLabel('Display name').fill('Otieno Teacher')
  await expect(inviteePage.getByLabel('Email', { exact: true })).toHaveValue(instructorEmail)
  await inviteePage.getByLabel('Password', { exact: true }).fill('teacher-pass-9')
  await inviteePage.getByRole('button', { name: 'Sign up' }).click()
  await inviteePage.getByRole('button', { name: 'Accept invitation' }).click()
  await expect(inviteePage.getByRole('heading', { name: 'Your courses' })).toBeVisible()
  await expect(inviteePage.locator('main .badge').first()).toHaveText('Instructor')

  // The owner sees the new member with the role.
  await page.reload()
  await expect(page.getByRole('row', { name: /Otieno Teacher/ })).toBeVisible()

  await founder.close()
  await invitee.close()
})
