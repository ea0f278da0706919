import { defineMessages } from '../../../lib/i18n/catalogue.ts'

/** Messages written in a ticket that the server has not taken yet (offline, sending, refused). */
export const messages = defineMessages({
  en: {
    'pending.you': 'You',
    'pending.internal': 'Internal note',
    'pending.waiting': 'Waiting for connection',
    'pending.waitingHint': 'Kept on this device; it is sent when you are back online.',
    'pending.sending': 'Sending…',
    'pending.failed': 'Not sent: {reason}',
    'pending.failedPlain': 'Not sent.',
    'pending.retry': 'Try again',
    'pending.discard': 'Discard',
    'pending.discardLabel': 'Discard this message',
  },
  sw: {
    'pending.you': 'Wewe',
    'pending.internal': 'Dokezo la ndani',
    'pending.waiting': 'Inasubiri mtandao',
    'pending.waitingHint': 'Imehifadhiwa kwenye kifaa hiki; itatumwa utakaporudi mtandaoni.',
    'pending.sending': 'Inatuma…',
    'pending.failed': 'Haikutumwa: {reason}',
    'pending.failedPlain': 'Haikutumwa.',
    'pending.retry': 'Jaribu tena',
    'pending.discard': 'Futa',
    'pending.discardLabel': 'Futa ujumbe huu',
  },
})
