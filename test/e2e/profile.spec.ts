import { expect, test } from '@playwright/test'
import { openAs } from './support.ts'

// Profiles (issue 17): Grace fills in her profile and teaching credentials on the account page;
// Kevin, a student, opens her tutor card from the tutoring schedule and sees her headline,
// qualification and bio but not her phone (staff only); Brian, an admin, opens it from the members
// list and sees the phone too.

const SCHOOL = '/t/demo-academy'
const GRACE = 'instructor1@demo.kipindi.test'
const KEVIN = 'student1@demo.kipindi.test'
const ADMIN = 'admin@demo.kipindi.test'
const PHONE = '+254712000111'

test('an instructor fills her profile; a student sees her tutor card without the phone, an admin with it', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const grace = await openAs(browser, GRACE)
  await grace.goto('/account')
  const form = grace.getByTestId('profile-details')
  await form.getByLabel('Contact phone', { exact: true }).fill('+254 712 000 111')
  await form.getByLabel('City or town', { exact: true }).fill('Nakuru')
  await form.getByLabel('Who sees City or town').selectOption('school')
  await form.getByLabel('Bio', { exact: true }).fill('I make fractions friendly.')
  await form.getByLabel('Headline', { exact: true }).fill('Maths tutor, 9 years in primary schools')
  // A retry finds the qualification an earlier attempt saved: start from none.
  const remove = form.getByRole('button', { name: /^Remove qualification/ })
  while ((await remove.count()) > 0) await remove.first().click()
  await form.getByRole('button', { name: 'Add a qualification' }).click()
  const qualification = form.getByRole('group', { name: 'Qualification 1' })
  await qualification.getByLabel('Qualification 1', { exact: true }).fill('BEd Mathematics')
  await qualification.getByLabel('Institution', { exact: true }).fill('Kenyatta University')
  await qualification.getByLabel('Year', { exact: true }).fill('20x5')
  await form.getByRole('button', { name: 'Save profile' }).click()
  // A year that is not a number is refused next to its field, nothing is sent.
  await expect(qualification.getByLabel('Year', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await qualification.getByLabel('Year', { exact: true }).fill('2015')
  await form.getByRole('button', { name: 'Save profile' }).click()
  await expect(grace.getByText('Your profile is saved.')).toBeVisible()
  await grace.reload()
  await expect(grace.getByTestId('profile-details').getByLabel('Contact phone', { exact: true })).toHaveValue(
    PHONE,
  )

  // Kevin opens Grace's tutor card from a session she runs.
  const kevin = await openAs(browser, KEVIN)
  await kevin.goto(`${SCHOOL}/sessions`)
  await kevin.getByRole('link', { name: 'Grace Njeri' }).first().click()
  await expect(kevin).toHaveURL(/\/people\/00000000-0000-4000-a000-000000000004$/)
  const card = kevin.getByTestId('profile-card')
  await expect(card.getByRole('heading', { name: 'Grace Njeri' })).toBeVisible()
  await expect(card).toContainText('Maths tutor, 9 years in primary schools')
  await expect(card.getByTestId('profile-qualifications')).toContainText(
    'BEd Mathematics · Kenyatta University · 2015',
  )
  await expect(card).toContainText('I make fractions friendly.')
  await expect(card).toContainText('Nakuru')
  await expect(card).not.toContainText(PHONE)
  await expect(card.getByTestId('profile-contacts')).toHaveCount(0)

  // Brian, an admin, opens it from the members list and sees the phone.
  const admin = await openAs(browser, ADMIN)
  await admin.goto(`${SCHOOL}/members`)
  await admin.getByRole('link', { name: 'Grace Njeri' }).click()
  const full = admin.getByTestId('profile-card')
  await expect(full.getByTestId('profile-contacts')).toContainText(PHONE)
  await expect(full).toContainText('BEd Mathematics')
})
