import { expect, type Page, test } from '@playwright/test'
import { openAs } from './support.ts'

// Buying a course with M-Pesa on the offline stack (issue 15): an instructor prices a new course, a
// student pays from a phone-sized screen through the local Daraja simulator (the STK push is
// answered through its local-only control, as the student's phone would), is enrolled, and the
// instructor's wallet shows 60% of the price pending.

const SCHOOL = '/t/demo-academy'
const GRACE = 'instructor1@demo.kipindi.test'
const LUCY = 'student2@demo.kipindi.test'
const LUCY_PHONE = '0712 345 678'
const SHOTS = process.env.PAYMENT_SHOTS ?? 'test-results/payment-shots'

/** Grace creates a course and prices it in KES; answers its path. */
async function pricedCourse(grace: Page, title: string, shillings: number, area = 'Mathematics') {
  await grace.goto(`${SCHOOL}/courses/new`)
  await grace.getByLabel('Title').fill(title)
  await grace.getByLabel('Level', { exact: true }).selectOption('Grade 7')
  await grace.getByLabel('Learning area', { exact: true }).selectOption(area)
  await grace.getByRole('button', { name: 'Create course' }).click()
  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const courseUrl = new URL(grace.url()).pathname
  await grace.goto(`${courseUrl}/edit`)
  await grace.getByRole('radio', { name: 'Paid' }).check()
  await grace.getByLabel('Amount').fill(String(shillings))
  await grace.getByRole('button', { name: 'Save price' }).click()
  await expect(grace.getByText(`Now: KES ${shillings.toLocaleString('en')}`)).toBeVisible()
  return courseUrl
}

test('a student buys a course with M-Pesa and the instructor’s wallet shows 60% pending', async ({
  browser,
  request,
}) => {
  const title = `Chess for beginners ${Date.now().toString(36)}`
  const grace = await openAs(browser, GRACE)
  const courseUrl = await pricedCourse(grace, title, 1500)

  const lucy = await openAs(browser, LUCY, 375)
  await lucy.goto(courseUrl)
  await lucy.getByRole('link', { name: `Buy ${title} for KES 1,500` }).click()
  await lucy.getByLabel('M-Pesa phone number').fill(LUCY_PHONE)
  await lucy.getByRole('button', { name: 'Pay with M-Pesa' }).click()
  await expect(lucy.getByRole('heading', { name: 'Check your phone' })).toBeVisible()
  await lucy.screenshot({ path: `${SHOTS}/check-your-phone-375.png`, fullPage: true })

  // Lucy's phone: the newest push to her number, answered with her PIN.
  const pushes = (await (await request.get('/__daraja/stk')).json()) as {
    checkoutRequestId: string
    phone: string
    amount: number
  }[]
  const push = pushes.filter((p) => p.phone === '254712345678').at(-1)
  expect(push?.amount).toBe(1500)
  expect((await request.post(`/__daraja/stk/${push?.checkoutRequestId}/success`)).ok()).toBe(true)

  await expect(lucy.getByText('Payment received. You are enrolled.')).toBeVisible({ timeout: 15_000 })
  await lucy.screenshot({ path: `${SHOTS}/paid-375.png`, fullPage: true })
  await lucy.getByRole('link', { name: 'Open the course' }).click()
  await expect(lucy.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(lucy.getByRole('link', { name: /^Buy / })).toHaveCount(0)

  await lucy.goto(`${SCHOOL}/purchases`)
  await expect(lucy.getByText(title).first()).toBeVisible()

  await grace.goto(`${SCHOOL}/wallet`)
  await expect(grace.getByText('KES 900').first()).toBeVisible()
  await grace.screenshot({ path: `${SHOTS}/wallet.png`, fullPage: true })
})

const KEVIN = 'student1@demo.kipindi.test'
const ADMIN = 'admin@demo.kipindi.test'

test('a student pays by card on the test checkout; the admin refunds; the course and the instructor’s share go back', async ({
  browser,
}) => {
  const title = `Kiswahili poetry ${Date.now().toString(36)}`
  const grace = await openAs(browser, GRACE)
  const courseUrl = await pricedCourse(grace, title, 2000, 'Kiswahili')

  // Kevin pays by card: our pay page → the local test checkout → back to our pay page.
  const kevin = await openAs(browser, KEVIN, 375)
  await kevin.goto(courseUrl)
  await kevin.getByRole('link', { name: `Buy ${title} for KES 2,000` }).click()
  await kevin.getByRole('button', { name: 'Pay by card' }).click()
  await expect(kevin.getByText('Test checkout — no real money moves')).toBeVisible()
  await kevin.screenshot({ path: `${SHOTS}/test-checkout-375.png`, fullPage: true })
  await kevin.getByRole('button', { name: 'Pay with test card' }).click()
  await expect(kevin.getByText('Payment received. You are enrolled.')).toBeVisible({ timeout: 15_000 })

  // The admin refunds it in full from the school's payments.
  const admin = await openAs(browser, ADMIN)
  await admin.goto(`${SCHOOL}/payments`)
  const row = admin.getByRole('row').filter({ hasText: title })
  await row.getByRole('button', { name: /Refund/ }).click()
  const dialog = admin.getByRole('dialog')
  await dialog.getByLabel('Reason').fill('Enrolled in the wrong course')
  await dialog.getByRole('button', { name: 'Refund' }).click()
  await expect(admin.getByText(/Refunded KES 2,000/)).toBeVisible()
  await expect(row.getByText('Refunded', { exact: true })).toBeVisible()
  await admin.screenshot({ path: `${SHOTS}/school-payments-refunded.png`, fullPage: true })

  // Kevin has lost the course: it is for sale again.
  await kevin.goto(courseUrl)
  await expect(kevin.getByRole('link', { name: `Buy ${title} for KES 2,000` })).toBeVisible()

  // Grace's wallet: the sale and its reversal.
  await grace.goto(`${SCHOOL}/wallet`)
  const entries = grace.getByRole('row').filter({ hasText: title })
  await expect(entries.filter({ hasText: 'Sale' })).toHaveCount(1)
  await expect(entries.filter({ hasText: 'Refund' })).toHaveCount(1)
})

test('an admin upgrades the school to Standard through the test checkout and the new limits apply', async ({
  browser,
}) => {
  const admin = await openAs(browser, ADMIN)
  await admin.goto(`${SCHOOL}/billing`)
  await expect(admin.getByText('50 student seats').first()).toBeVisible()
  await admin.getByRole('button', { name: 'Choose Standard' }).click()
  await expect(admin.getByText('Test checkout — no real money moves')).toBeVisible()
  await admin.getByRole('button', { name: 'Pay with test card' }).click()
  await expect(admin.getByText(/is now on Standard/)).toBeVisible({ timeout: 30_000 })
  await expect(admin.getByText('of 500', { exact: false }).first()).toBeVisible()
  await admin.screenshot({ path: `${SHOTS}/billing-standard.png`, fullPage: true })

  // The plan's storage is what the school's uploads are now checked against.
  await admin.goto(SCHOOL)
  await expect(admin.getByText(/of 50 GB/)).toBeVisible()
})

const JOYCE = 'partner@demo.kipindi.test'

test('an admin arranges a sponsorship; the partner pays by card; the students are enrolled and the partner sees numbers only', async ({
  browser,
}) => {
  // Four people sign in and a card payment runs end to end: past a minute on a busy 2-core runner.
  test.setTimeout(120_000)
  const title = `Coding club ${Date.now().toString(36)}`
  const grace = await openAs(browser, GRACE)
  const courseUrl = await pricedCourse(grace, title, 500)

  const admin = await openAs(browser, ADMIN)
  await admin.goto(`${SCHOOL}/sponsorships`)
  await admin.getByRole('button', { name: 'New sponsorship' }).click()
  await admin.getByLabel('Partner').selectOption({ label: 'Joyce Atieno' })
  await admin.getByLabel('Organisation').fill('Mwangaza Foundation')
  await admin.getByLabel('Course').selectOption({ label: title })
  for (const name of ['Kevin Mwangi', 'Lucy Wambui']) {
    await admin.getByLabel('Search students').fill(name.split(' ')[0] as string)
    await admin.getByRole('checkbox', { name }).check()
  }
  await admin.getByRole('button', { name: 'Arrange sponsorship' }).click()
  await expect(admin.getByText('Sponsorship arranged. Joyce Atieno can now pay for it.')).toBeVisible()

  // Joyce, on her phone, pays KES 1,000 (2 seats) by card on the test checkout.
  const joyce = await openAs(browser, JOYCE, 375)
  await joyce.goto(`${SCHOOL}/sponsorships`)
  await joyce.getByRole('link', { name: 'Details of the sponsorship by Mwangaza Foundation' }).first().click()
  await expect(joyce.getByText('KES 1,000 for 2 seats', { exact: false })).toBeVisible()
  await joyce.getByRole('button', { name: 'Pay by card' }).click()
  await expect(joyce.getByText('Test checkout — no real money moves')).toBeVisible()
  await joyce.getByRole('button', { name: 'Pay with test card' }).click()
  await expect(joyce.getByText('Payment received. The students are enrolled.')).toBeVisible({
    timeout: 15_000,
  })
  // Two students: too few to show progress without it being about individual children.
  await expect(joyce.getByText(/Fewer than 5 students are enrolled/)).toBeVisible()
  await expect(joyce.getByText('Kevin Mwangi')).toHaveCount(0)
  await joyce.screenshot({ path: `${SHOTS}/sponsorship-paid-375.png`, fullPage: true })

  // Kevin has the course without paying himself.
  const kevin = await openAs(browser, KEVIN, 375)
  await kevin.goto(courseUrl)
  await expect(kevin.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(kevin.getByRole('link', { name: /^Buy / })).toHaveCount(0)
})
