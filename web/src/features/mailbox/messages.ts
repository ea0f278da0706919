import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** The local mailbox (local mode only). */
export const messages = defineMessages({
  en: {
    'mailbox.title': 'Mailbox (local)',
    'mailbox.text':
      'Emails Kipindi sent while running locally. Nothing leaves this machine; the links work on this site.',
    'mailbox.unavailable': 'The mailbox is only available in local mode',
    'mailbox.unavailableText': 'This deployment delivers real emails. Check your inbox instead.',
    'mailbox.filter': 'Filter by recipient',
    'mailbox.filterPlaceholder': 'name@example.org',
    'mailbox.refresh': 'Refresh',
    'mailbox.noneTo': 'No emails to {email}',
    'mailbox.none': 'No emails yet',
    'mailbox.noneText':
      'Sign-up confirmations, invitations and password resets appear here as soon as they are sent.',
    'mailbox.list': 'Emails',
    'mailbox.toEmail': 'To {email}',
    'mailbox.pick': 'Pick an email to read it.',
    'mailbox.all': 'All emails',
    'mailbox.to': 'To',
    'mailbox.sent': 'Sent',
    'action.invite': 'Open the invitation',
    'action.recovery': 'Reset your password',
    'action.confirm': 'Confirm your email',
    'action.emailChange': 'Confirm the new email',
    'action.open': 'Open the link',
  },
  sw: {
    'mailbox.title': 'Sanduku la barua (la ndani)',
    'mailbox.text':
      'Barua pepe ambazo Kipindi kilituma kikiendeshwa kwenye kompyuta hii. Hakuna kinachotoka nje ya kompyuta hii; viungo vinafanya kazi kwenye tovuti hii.',
    'mailbox.unavailable': 'Sanduku la barua linapatikana tu katika hali ya ndani',
    'mailbox.unavailableText':
      'Mfumo huu unatuma barua pepe halisi. Angalia sanduku lako la barua badala yake.',
    'mailbox.filter': 'Chuja kwa mpokeaji',
    'mailbox.filterPlaceholder': 'jina@example.org',
    'mailbox.refresh': 'Onyesha upya',
    'mailbox.noneTo': 'Hakuna barua pepe kwa {email}',
    'mailbox.none': 'Bado hakuna barua pepe',
    'mailbox.noneText':
      'Uthibitisho wa usajili, mialiko na uwekaji upya wa nenosiri huonekana hapa mara tu vinapotumwa.',
    'mailbox.list': 'Barua pepe',
    'mailbox.toEmail': 'Kwa {email}',
    'mailbox.pick': 'Chagua barua pepe ili uisome.',
    'mailbox.all': 'Barua pepe zote',
    'mailbox.to': 'Kwa',
    'mailbox.sent': 'Ilitumwa',
    'action.invite': 'Fungua mwaliko',
    'action.recovery': 'Weka upya nenosiri lako',
    'action.confirm': 'Thibitisha barua pepe yako',
    'action.emailChange': 'Thibitisha barua pepe mpya',
    'action.open': 'Fungua kiungo',
  },
})
