import { test as setup } from '@playwright/test'
import { signIn, storageStateOf } from './support.ts'

// Each kind of demo user signs in once; specs reuse the saved session.
const PEOPLE = {
  owner: 'owner@demo.kipindi.test',
  student: 'student1@demo.kipindi.test',
  superadmin: 'superadmin@kipindi.test',
} as const

for (const [who, email] of Object.entries(PEOPLE)) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await signIn(page, email)
    await page.waitForURL(/\/(t|app|admin)\b/)
    await page.context().storageState({ path: storageStateOf(who) })
  })
}
