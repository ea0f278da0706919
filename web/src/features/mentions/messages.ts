import { defineMessages } from '../../lib/i18n/catalogue.ts'

// The mention picker's words, in English and Kiswahili.
export const messages = defineMessages({
  en: {
    'mentions.label': 'People to mention',
    'mentions.loading': 'Looking for people…',
    'mentions.none': 'Nobody in this course by that name.',
    'mentions.teaches': 'teacher',
  },
  sw: {
    'mentions.label': 'Watu wa kutaja',
    'mentions.loading': 'Inatafuta watu…',
    'mentions.none': 'Hakuna mtu wa kozi hii mwenye jina hilo.',
    'mentions.teaches': 'mwalimu',
  },
})
