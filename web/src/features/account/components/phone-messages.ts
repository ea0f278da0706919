import { defineMessages } from '../../../lib/i18n/catalogue.ts'

/** The account page's phone number section (PhoneSection). */
export const phoneMessages = defineMessages({
  en: {
    'phone.title': 'Phone number',
    'phone.text':
      'Sign in with a code texted to this number instead of your password. It is used only for sign-in codes.',
    'phone.current': 'Your number',
    'phone.none': 'No phone number yet.',
    'phone.new': 'New phone number',
    'phone.add': 'Phone number',
    'phone.help': 'For example 0712 345 678 or +254 712 345 678. We text it a code to check it is yours.',
    'phone.required': 'Enter a phone number.',
    'phone.invalid': 'Enter a phone number such as 0712 345 678, or with its country code (+…).',
    'phone.same': 'That is already your number.',
    'phone.send': 'Send code',
    'phone.sent': 'We texted a 6-digit code to {phone}. Type it below to confirm the number.',
    'phone.code': 'Code from the text',
    'phone.codeInvalid': 'Type the 6 digits from the text message.',
    'phone.confirm': 'Confirm number',
    'phone.wrongCode':
      'That code is not right, has expired, or a newer one replaced it. Check the newest text.',
    'phone.cancel': 'Use a different number',
    'phone.saved': 'Phone number saved',
    'phone.savedText': 'You can now sign in with a code texted to {phone}.',
  },
  sw: {
    'phone.title': 'Nambari ya simu',
    'phone.text':
      'Ingia kwa msimbo unaotumwa kwa nambari hii badala ya nenosiri lako. Inatumika kwa misimbo ya kuingia tu.',
    'phone.current': 'Nambari yako',
    'phone.none': 'Bado hakuna nambari ya simu.',
    'phone.new': 'Nambari mpya ya simu',
    'phone.add': 'Nambari ya simu',
    'phone.help': 'Kwa mfano 0712 345 678 au +254 712 345 678. Tutaitumia msimbo kuhakikisha kwamba ni yako.',
    'phone.required': 'Weka nambari ya simu.',
    'phone.invalid': 'Weka nambari ya simu kama 0712 345 678, au pamoja na msimbo wa nchi (+…).',
    'phone.same': 'Hiyo tayari ni nambari yako.',
    'phone.send': 'Tuma msimbo',
    'phone.sent': 'Tumetuma msimbo wa tarakimu 6 kwa {phone}. Uandike hapa chini kuthibitisha nambari.',
    'phone.code': 'Msimbo kutoka kwenye ujumbe',
    'phone.codeInvalid': 'Andika tarakimu 6 za ujumbe mfupi.',
    'phone.confirm': 'Thibitisha nambari',
    'phone.wrongCode':
      'Msimbo huo si sahihi, umekwisha muda, au mpya umeuchukua nafasi. Angalia ujumbe wa karibuni zaidi.',
    'phone.cancel': 'Tumia nambari nyingine',
    'phone.saved': 'Nambari ya simu imehifadhiwa',
    'phone.savedText': 'Sasa unaweza kuingia kwa msimbo unaotumwa kwa {phone}.',
  },
})
