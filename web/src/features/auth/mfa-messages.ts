import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** The second sign-in step: a code from the authenticator app, or a recovery code. */
export const messages = defineMessages({
  en: {
    'mfa.title': 'Enter your code',
    'mfa.subtitle': 'Open your authenticator app and type the 6-digit code it shows for Kipindi.',
    'mfa.code': 'Code from the app',
    'mfa.codeRequired': 'Type the 6-digit code from the app.',
    'mfa.recovery': 'Recovery code',
    'mfa.recoveryRequired': 'Type one of your recovery codes, e.g. abcd-efgh-jkmn-pqrs.',
    'mfa.useRecovery': 'Lost your phone? Use a recovery code',
    'mfa.useApp': 'Use the code from the app instead',
    'mfa.submit': 'Continue',
    'mfa.signOut': 'Sign out',
    'mfa.noFactor': 'Your account has no authenticator app any more.',
  },
  sw: {
    'mfa.title': 'Andika msimbo wako',
    'mfa.subtitle':
      'Fungua programu yako ya uthibitishaji na uandike msimbo wa tarakimu 6 inaouonyesha kwa Kipindi.',
    'mfa.code': 'Msimbo kutoka programu',
    'mfa.codeRequired': 'Andika msimbo wa tarakimu 6 kutoka programu.',
    'mfa.recovery': 'Msimbo wa akiba',
    'mfa.recoveryRequired': 'Andika mmoja wa misimbo yako ya akiba, mfano abcd-efgh-jkmn-pqrs.',
    'mfa.useRecovery': 'Umepoteza simu yako? Tumia msimbo wa akiba',
    'mfa.useApp': 'Tumia msimbo kutoka programu badala yake',
    'mfa.submit': 'Endelea',
    'mfa.signOut': 'Toka',
    'mfa.noFactor': 'Akaunti yako haina tena programu ya uthibitishaji.',
  },
})
