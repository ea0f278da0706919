import { defineMessages } from '../../../lib/i18n/catalogue.ts'

// The words of the course page's way into the logbook (LogbookLink): only these load with it.
export const messages = defineMessages({
  en: { teacher: 'Students’ logbooks', student: 'My logbook', parent: 'Logbook' },
  sw: { teacher: 'Shajara za wanafunzi', student: 'Shajara yangu', parent: 'Shajara' },
})
