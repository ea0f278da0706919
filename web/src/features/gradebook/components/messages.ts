import { defineMessages } from '../../../lib/i18n/catalogue.ts'

// The words of the course page's way into the grades (GradebookLink): only these load with it.
export const messages = defineMessages({
  en: {
    teacher: 'Gradebook',
    student: 'My grades',
    parent: 'Grades',
  },
  sw: {
    teacher: 'Daftari la alama',
    student: 'Alama zangu',
    parent: 'Alama',
  },
})
