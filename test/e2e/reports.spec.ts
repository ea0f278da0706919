import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { openAs } from './support.ts'

// Reports (issue 20): Amina, the owner, reads the school's attendance of the last 30 days by session,
// then by student (the grouping lives in the URL), exports it as XLSX, watches it being made and
// downloads it; the file opens with the school's name and Kevin's row. She switches to progress and
// grades, finds Grace's Science course and asks for a CSV of it. Grace, an instructor, sees the
// sessions she runs, not David's. Faith, staff, reads the support desk ticket by ticket and exports it;
// Grace reads the AI tutor questions asked in her course.

const SCHOOL = '/t/demo-academy'

test('an owner reads attendance by session and by student, exports it as XLSX and opens the file', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const amina = await openAs(browser, 'owner@demo.kipindi.test')
  await amina.goto(SCHOOL)
  await amina.getByRole('navigation').getByRole('link', { name: 'Reports' }).first().click()
  await expect(amina).toHaveURL(/\/reports$/)
  const table = amina.getByRole('table', { name: /Attendance by session/ })
  await expect(table.getByRole('cell', { name: 'Cells revision: plant and animal cells' })).toBeVisible()
  await expect(table.getByRole('cell', { name: 'Insha ya masimulizi: maoni ya rasimu' })).toBeVisible()

  await amina.getByLabel('Show by').selectOption('student')
  await amina.getByRole('button', { name: 'Show', exact: true }).click()
  await expect(amina).toHaveURL(/group=student/)
  const byStudent = amina.getByRole('table', { name: /Attendance by student/ })
  await expect(byStudent.getByRole('cell', { name: 'Kevin Mwangi' })).toBeVisible()

  await amina.getByRole('button', { name: 'Excel (XLSX)' }).click()
  await expect(amina.getByText('Your Excel (XLSX) export is being made.')).toBeVisible()
  const exports = amina.getByTestId('report-exports')
  const download = exports.getByRole('button', { name: /^Download Attendance by student/ }).first()
  await expect(download).toBeVisible({ timeout: 30_000 })
  const file = amina.waitForEvent('download')
  await download.click()
  const xlsx = await file
  expect(xlsx.suggestedFilename()).toMatch(
    /^attendance-by-student-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/,
  )
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await xlsx.path()) as string)
  const sheet = book.worksheets[0]
  expect(sheet?.getRow(1).getCell(1).value).toBe('Attendance by student')
  expect(String(sheet?.getRow(2).getCell(1).value)).toMatch(/^Kipindi Demo Academy · \d{4}-\d{2}-\d{2} to /)
  expect(sheet?.getRow(4).getCell(1).value).toBe('Student')
  const names: unknown[] = []
  sheet?.eachRow((row, n) => n > 4 && names.push(row.getCell(1).value))
  expect(names).toContain('Kevin Mwangi')

  // Progress and grades: another report, kept in the URL, exported as CSV.
  await amina
    .getByRole('navigation', { name: 'Report', exact: true })
    .getByRole('link', { name: 'Progress and grades' })
    .click()
  await expect(amina).toHaveURL(/report=progress/)
  const progress = amina.getByRole('table', { name: /Progress and grades by course/ })
  await expect(progress.getByRole('cell', { name: 'Grade 7 Integrated Science' })).toBeVisible()
  await amina.getByRole('button', { name: 'CSV', exact: true }).click()
  await expect(amina.getByText('Your CSV export is being made.')).toBeVisible()
  await expect(
    exports.getByRole('button', { name: /^Download Progress and grades by course/ }).first(),
  ).toBeVisible({ timeout: 30_000 })

  // Grace sees the sessions she runs; David's is not hers.
  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  await grace.goto(`${SCHOOL}/reports`)
  await expect(
    grace.getByText('You see the sessions you run and those of the courses you write.'),
  ).toBeVisible()
  const hers = grace.getByRole('table', { name: /Attendance by session/ })
  await expect(hers.getByRole('cell', { name: 'Cells revision: plant and animal cells' })).toBeVisible()
  await expect(hers.getByRole('cell', { name: 'Insha ya masimulizi: maoni ya rasimu' })).toHaveCount(0)

  // From her course's page, the same page narrowed to the course: its weeks as charts, with numbers.
  await grace.goto(`${SCHOOL}/courses/40000000-0000-4000-a000-000000000001`)
  await grace.getByRole('link', { name: 'Course reports' }).click()
  await expect(grace).toHaveURL(/reports\?course=40000000-0000-4000-a000-000000000001/)
  await expect(grace.getByRole('heading', { name: 'This course over the last 12 weeks' })).toBeVisible()
  const learning = grace.getByRole('figure', { name: 'Learning' })
  await learning.getByText('Show the numbers').click()
  await expect(learning.getByRole('columnheader', { name: 'Lessons opened' })).toBeVisible()
})

test('staff read the support desk ticket by ticket and export it; a teacher reads the AI tutor use of her course', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const faith = await openAs(browser, 'staff@demo.kipindi.test')
  await faith.goto(`${SCHOOL}/support/report`)
  await faith.getByRole('link', { name: 'Export or see by ticket' }).click()
  await expect(faith).toHaveURL(/report=support/)
  await expect(faith.getByRole('navigation', { name: 'Report', exact: true }).getByRole('link')).toHaveText([
    'Attendance',
    'Progress and grades',
    'Support desk',
  ])
  await faith.getByLabel('Show by').selectOption('ticket')
  await faith.getByRole('button', { name: 'Show', exact: true }).click()
  await expect(faith).toHaveURL(/group=ticket/)
  const desk = faith.getByRole('table', { name: /Support desk by ticket/ })
  await expect(desk.getByRole('link', { name: '#1002' })).toBeVisible()
  await expect(desk.getByText('The lesson on the cell stays blank')).toBeVisible()
  await faith.getByRole('button', { name: 'CSV', exact: true }).click()
  const ready = faith
    .getByTestId('report-exports')
    .getByRole('button', { name: /^Download Support desk by ticket/ })
    .first()
  await expect(ready).toBeVisible({ timeout: 30_000 })
  const file = faith.waitForEvent('download')
  await ready.click()
  const csv = await (await file).path()
  const { readFile } = await import('node:fs/promises')
  const lines = (await readFile(csv as string, 'utf8')).split('\r\n')
  expect(lines[0]).toContain('Support desk by ticket')
  expect(lines.some((l) => l.includes('The lesson on the cell stays blank'))).toBe(true)

  // Grace sees the tutor questions asked in her course; Kevin's question about no course is not hers.
  const grace = await openAs(browser, 'instructor1@demo.kipindi.test')
  await grace.goto(`${SCHOOL}/reports?report=tutor&group=student`)
  const tutor = grace.getByRole('table', { name: /AI tutor by student/ })
  // Kevin: one conversation in Science with two questions, both answered.
  await expect(tutor.getByRole('row', { name: /Kevin Mwangi/ })).toHaveText(/Kevin Mwangi\s*1\s*2\s*2\s*0/)
  await expect(tutor.getByRole('cell', { name: 'Lucy Wambui' })).toBeVisible()
})
