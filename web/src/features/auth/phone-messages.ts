import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** Signing in with a phone number and a texted code (PhoneSignIn, and its link on the sign-in page). */
export const messages = defineMessages({
  en: {
    'phone.link': 'Sign in with your phone number',
    'phone.title': 'Sign in with your phone',
    'phone.subtitle':
      'For parents whose phone number is on their Kipindi account. We text you a 6-digit code.',
    'phone.field': 'Phone number',
    'phone.fieldHelp': 'For example 0712 345 678 or +254 712 345 678.',
    'phone.required': 'Enter your phone number.',
    'phone.invalid': 'Enter a phone number such as 0712 345 678, or with its country code (+…).',
    'phone.send': 'Send code',
    'phone.sentTitle': 'Check your messages',
    'phone.sent': 'If {phone} belongs to a Kipindi account, a text with a 6-digit code is on its way.',
    'phone.code': 'Code from the text',
    'phone.codeHelp': 'The 6 digits from the SMS.',
    'phone.codeInvalid': 'Type the 6 digits from the text message.',
    'phone.verify': 'Sign in',
    'phone.resend': 'Send a new code',
    'phone.resendIn': 'You can ask for a new code in {seconds} s.',
    'phone.otherNumber': 'Use a different number',
    'phone.mailbox': 'Open the local mailbox',
    'phone.back': 'Sign in with email and password',
    'phone.wrongCode':
      'That code is not right, has expired, or a newer one replaced it. Check the newest text.',
  },
  sw: {
    'phone.link': 'Ingia kwa nambari yako ya simu',
    'phone.title': 'Ingia kwa simu yako',
    'phone.subtitle':
      'Kwa wazazi ambao nambari yao ya simu iko kwenye akaunti yao ya Kipindi. Tutakutumia msimbo wa tarakimu 6.',
    'phone.field': 'Nambari ya simu',
    'phone.fieldHelp': 'Kwa mfano 0712 345 678 au +254 712 345 678.',
    'phone.required': 'Weka nambari yako ya simu.',
    'phone.invalid': 'Weka nambari ya simu kama 0712 345 678, au pamoja na msimbo wa nchi (+…).',
    'phone.send': 'Tuma msimbo',
    'phone.sentTitle': 'Angalia ujumbe wako',
    'phone.sent': 'Ikiwa {phone} ni ya akaunti ya Kipindi, ujumbe wenye msimbo wa tarakimu 6 unakuja.',
    'phone.code': 'Msimbo kutoka kwenye ujumbe',
    'phone.codeHelp': 'Tarakimu 6 za SMS.',
    'phone.codeInvalid': 'Andika tarakimu 6 za ujumbe mfupi.',
    'phone.verify': 'Ingia',
    'phone.resend': 'Tuma msimbo mpya',
    'phone.resendIn': 'Unaweza kuomba msimbo mpya baada ya sekunde {seconds}.',
    'phone.otherNumber': 'Tumia nambari nyingine',
    'phone.mailbox': 'Fungua sanduku la barua la ndani',
    'phone.back': 'Ingia kwa barua pepe na nenosiri',
    'phone.wrongCode':
      'Msimbo huo si sahihi, umekwisha muda, au mpya umeuchukua nafasi. Angalia ujumbe wa karibuni zaidi.',
  },
})
