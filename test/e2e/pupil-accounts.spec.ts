import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { drawnText } from '../pdf-reader.ts'
import { signIn } from './support.ts'

// Pupils without email: an admin makes a class of their own in the demo school, makes accounts for
// two pupils from "name, admission number" lines, downloads the class sheet (a PDF with the
// admission numbers in it); a pupil signs in with the school code, the admission number and the
// first password, is asked for a new password first and then lands on their home. The class and
// admission numbers are unique to this run; no demo data is changed otherwise.

test('an admin makes pupil accounts and a class sheet; a pupil signs in with the school code', async ({
  page,
  browser,
}) => {
  test.info().setTimeout(120_000)
  const stamp = Date.now().toString(36)
  const className = `E2E Pupils ${stamp}`
  const first = `P/${stamp}/1`
  const second = `P/${stamp}/2`

  await signIn(page, 'admin@demo.kipindi.test')
  await page.goto('/t/demo-academy/classes')
  await page.getByLabel('Class name').fill(className)
  await page.getByRole('button', { name: 'Create class' }).click()
  await expect(page.getByRole('heading', { level: 1, name: className })).toBeVisible()

  const section = page.getByRole('region', { name: 'Sign-ins without email' })
  await expect(
    section.getByText('No pupil in this class signs in with an admission number yet.'),
  ).toBeVisible()
  const code = (await section.getByTestId('school-code').textContent())?.trim() ?? ''
  expect(code).toMatch(/^[A-Z0-9]{6}$/)
  await section
    .getByLabel('Pupils, one per line: name, admission number')
    .fill(`Amani Pupil, ${first}\nZawadi Pupil, ${second}\n`)
  await section.getByRole('button', { name: 'Make accounts' }).click()

  const sheet = section.getByRole('region', { name: 'First passwords' })
  const amani = sheet.getByRole('row').filter({ hasText: 'Amani Pupil' })
  await expect(amani).toContainText(first)
  const password = (await amani.getByTestId('first-password').textContent())?.trim() ?? ''
  expect(password).toMatch(/^[a-z]+-[a-z]+-\d{3}$/)
  // The list shows both, still with their first password; the students table has them too.
  const accounts = section.getByRole('table', { name: 'Sign-ins without email' })
  await expect(accounts.getByRole('row').filter({ hasText: second })).toContainText(
    'First password not changed yet',
  )
  await expect(
    page.getByRole('table', { name: 'Students' }).getByRole('rowheader', { name: 'Zawadi Pupil' }),
  ).toBeVisible()

  const downloading = page.waitForEvent('download')
  await sheet.getByRole('button', { name: 'Download class sheet (PDF)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe(`class-sheet-e2e-pupils-${stamp}.pdf`)
  const bytes = new Uint8Array(await readFile((await download.path()) as string))
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
  const text = await drawnText(bytes)
  for (const part of [first, second, code, password, 'Amani Pupil', className]) expect(text).toContain(part)
  await sheet.getByRole('button', { name: 'Done' }).click()
  await expect(sheet).toHaveCount(0)

  // The pupil, on another device: school code, admission number (any case), first password.
  const context = await browser.newContext()
  const pupil = await context.newPage()
  await pupil.goto('/signin')
  await pupil.getByRole('link', { name: 'Pupils: sign in with a school code' }).click()
  await pupil.getByLabel('School code').fill(code.toLowerCase())
  await pupil.getByLabel('Admission number').fill(first.toLowerCase())
  await pupil.getByLabel('Password', { exact: true }).fill('twiga-mvua-000')
  await pupil.getByRole('button', { name: 'Sign in' }).click()
  await expect(
    pupil.getByText(
      'That school code, admission number and password do not match. Check them and try again.',
    ),
  ).toBeVisible()
  await pupil.getByLabel('Password', { exact: true }).fill(password)
  await pupil.getByRole('button', { name: 'Sign in' }).click()

  await expect(pupil.getByRole('heading', { level: 1, name: 'Choose your new password' })).toBeVisible()
  await expect(pupil).toHaveURL(/\/signin\/new-password/)
  // Nothing else opens before the new password is chosen.
  await pupil.goto('/t/demo-academy')
  await expect(pupil.getByRole('heading', { level: 1, name: 'Choose your new password' })).toBeVisible()
  await pupil.getByLabel('Your new password').fill(`my-own-${stamp}-7`)
  await pupil.getByRole('button', { name: 'Save my password' }).click()
  await expect(pupil.getByRole('heading', { level: 1, name: 'Hello, Amani Pupil' })).toBeVisible()
  await expect(pupil).toHaveURL(/\/t\/demo-academy/)
  await context.close()

  // Back on the class page: Amani now has their own password.
  await page.reload()
  const row = page
    .getByRole('table', { name: 'Sign-ins without email' })
    .getByRole('row')
    .filter({ hasText: first })
  await expect(row).toContainText('Has their own password')
})
