import { defineMessages } from '../../../lib/i18n/catalogue.ts'

// Quizzes and assignments in the course outline, and the place fields of their settings forms
// (English and Kiswahili).
export const messages = defineMessages({
  en: {
    'place.legend': 'Place in the course outline',
    'place.module': 'Module',
    'place.none': 'No module (listed under the outline)',
    'place.numbered': 'Module {number}: {title}',
    'place.position': 'Order in the module',
    'place.positionHint': 'Shown after the module’s lessons, lowest number first.',
    'place.positionError': 'Use a whole number from 0 to 10000.',
    'place.modulesUnavailable': 'The course’s modules could not be loaded.',
    'row.quiz': 'Quiz',
    'row.assignment': 'Assignment',
    'row.draft': 'Draft',
    'row.due': 'Due {time}',
    'row.closes': 'Closes {time}',
    'row.label': 'Quizzes and assignments of {title}',
  },
  sw: {
    'place.legend': 'Mahali kwenye muhtasari wa kozi',
    'place.module': 'Moduli',
    'place.none': 'Hakuna moduli (imeorodheshwa chini ya muhtasari)',
    'place.numbered': 'Moduli {number}: {title}',
    'place.position': 'Mpangilio ndani ya moduli',
    'place.positionHint': 'Huonyeshwa baada ya masomo ya moduli, namba ndogo kwanza.',
    'place.positionError': 'Tumia namba kamili kuanzia 0 hadi 10000.',
    'place.modulesUnavailable': 'Moduli za kozi hazikuweza kupakiwa.',
    'row.quiz': 'Jaribio',
    'row.assignment': 'Kazi',
    'row.draft': 'Rasimu',
    'row.due': 'Mwisho {time}',
    'row.closes': 'Linafungwa {time}',
    'row.label': 'Majaribio na kazi za {title}',
  },
})
