import { defineMessages } from '../../../lib/i18n/catalogue.ts'

// The words of the course page's way into the course's reports (CourseReportsLink): only these load with it.
export const messages = defineMessages({
  en: { link: 'Course reports' },
  sw: { link: 'Ripoti za kozi' },
})
