import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** The bell in the header. */
export const messages = defineMessages({
  en: {
    'bell.label': {
      zero: 'Notifications, none unread',
      one: 'Notifications, {count} unread',
      other: 'Notifications, {count} unread',
    },
    'bell.title': 'Notifications',
    'bell.markAll': 'Mark all read',
    'bell.markFailed': 'Could not mark notifications read',
    'bell.loading': 'Loading…',
    'bell.retry': 'Try again',
    'bell.empty': 'You are all caught up. Replies to your tickets and assignments show up here.',
    'bell.list': 'Newest first',
    'bell.unread': 'Unread:',
  },
  sw: {
    'bell.label': { zero: 'Arifa, hakuna mpya', one: 'Arifa, {count} mpya', other: 'Arifa, {count} mpya' },
    'bell.title': 'Arifa',
    'bell.markAll': 'Weka zote kuwa zimesomwa',
    'bell.markFailed': 'Imeshindwa kuweka arifa kuwa zimesomwa',
    'bell.loading': 'Inapakia…',
    'bell.retry': 'Jaribu tena',
    'bell.empty': 'Umeona kila kitu. Majibu ya tiketi zako na kazi ulizopewa yataonekana hapa.',
    'bell.list': 'Mpya kwanza',
    'bell.unread': 'Haijasomwa:',
  },
})
