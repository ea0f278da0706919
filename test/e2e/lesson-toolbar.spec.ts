import { expect, test } from '@playwright/test'
import { courseWithLessons, fitsViewport, openAs } from './support.ts'

// The lesson editor's toolbar on a phone: nothing off-screen; the less-used tools wait in a "More"
// menu that works from the keyboard.

test('on a 375 px phone the toolbar fits and its "More" menu formats from the keyboard', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const page = await openAs(browser, 'instructor1@demo.kipindi.test')
  const { editUrls } = await courseWithLessons(page, `Phone toolbar ${Date.now().toString(36)}`, ['Clocks'])
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto(editUrls[0])
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible()

  const toolbar = page.getByRole('toolbar', { name: 'Formatting' })
  await expect(toolbar).toBeVisible()
  expect(await fitsViewport(page)).toBe(true)
  for (const button of await toolbar.getByRole('button').all()) {
    const box = await button.boundingBox()
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(375)
  }
  await expect(toolbar.getByRole('button', { name: 'Bold' })).toBeVisible()
  await expect(toolbar.getByRole('button', { name: 'Heading 1' })).toBeHidden()

  await page.locator('.ProseMirror').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('What time is it?')
  const more = toolbar.getByRole('button', { name: 'More formatting' })
  await expect(more).toHaveAttribute('aria-expanded', 'false')
  await more.focus()
  await page.keyboard.press('Enter')
  await expect(more).toHaveAttribute('aria-expanded', 'true')
  const heading1 = page.getByRole('menuitemcheckbox', { name: 'Heading 1' })
  await expect(heading1).toBeFocused()
  await expect(heading1).toHaveAttribute('aria-checked', 'false')
  expect(await fitsViewport(page)).toBe(true)
  await page.keyboard.press('Enter')
  await expect(page.locator('.ProseMirror h1')).toHaveText('What time is it?')

  await more.focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menuitemcheckbox', { name: 'Heading 1' })).toHaveAttribute(
    'aria-checked',
    'true',
  )
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menu')).toHaveCount(0)
  await expect(more).toBeFocused()
  await page.context().close()
})
