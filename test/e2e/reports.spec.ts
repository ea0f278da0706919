import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { openAs } from './support.ts'

// Reports (issue 20): Amina, the owner, reads the school's attendance of the last 30 days by session,
// then by student (the grouping lives in the URL), exports it as XLSX, watches it being made and
// downloads it; the file opens with the school's name and Kevin's row. She switches to progress and
// grades, finds Grace's Science course and asks for a CSV of it. Grace, an instructor, sees the
// sessions she runs, not David's.

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
