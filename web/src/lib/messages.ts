import { defineMessages } from './i18n/catalogue.ts'

/** Words shared across features: roles and how a person without a name is shown. */
export const messages = defineMessages({
  en: {
    'role.owner': 'Owner',
    'role.admin': 'Admin',
    'role.instructor': 'Instructor',
    'role.staff': 'Staff',
    'role.student': 'Student',
    'role.parent': 'Parent',
    'role.partner': 'Partner',
    'roomRole.moderator': 'Tutor',
    'roomRole.participant': 'Student',
    'roomRole.observer': 'Observer',
    'person.unnamed': 'Unnamed member',
  },
  sw: {
    'role.owner': 'Mmiliki',
    'role.admin': 'Msimamizi',
    'role.instructor': 'Mwalimu',
    'role.staff': 'Mhudumu',
    'role.student': 'Mwanafunzi',
    'role.parent': 'Mzazi',
    'role.partner': 'Mshirika',
    'roomRole.moderator': 'Mkufunzi',
    'roomRole.participant': 'Mwanafunzi',
    'roomRole.observer': 'Mtazamaji',
    'person.unnamed': 'Mwanachama asiye na jina',
  },
})
