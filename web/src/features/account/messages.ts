import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** The account page: profile, email, password, language and signing out. */
export const messages = defineMessages({
  en: {
    'account.title': 'Account',
    'account.signedInAs': 'Signed in as {email}',
    'section.profile': 'Profile',
    'section.profileText': 'The name other people in your schools see.',
    'section.email': 'Email',
    'section.emailText':
      'The address you sign in with and where invitations are sent. A change needs a link opened in both inboxes.',
    'section.password': 'Password',
    'section.passwordText': 'Choose a new password for signing in.',
    'section.language': 'Language',
    'section.languageText': 'The language Kipindi shows you, here and in the emails it sends you.',
    'section.signIns': 'Sign-ins',
    'section.signInsText': 'Sign out on this device, or on every device where you are signed in.',
    'signOut.here': 'Sign out',
    'signOut.everywhere': 'Sign out everywhere',

    'profile.displayName': 'Display name',
    'profile.nameRequired': 'Enter the name people will see.',
    'profile.nameTooLong': 'Use at most {max} characters.',
    'profile.memberSince': 'Member since {date}',
    'profile.save': 'Save profile',
    'profile.saved': 'Profile saved',

    'email.current': 'Current email',
    'email.new': 'New email',
    'email.newRequired': 'Enter the new email address.',
    'email.invalid': 'Enter a valid email address.',
    'email.same': 'This is already your email address.',
    'email.checkBoth': 'Check both inboxes',
    'email.checkBothText': 'Your email changes once you open the links sent to both addresses.',
    'email.waiting':
      'We sent a confirmation link to {current} and another to {next}. Your email stays {current} until both links are opened.',
    'email.oneConfirmed': 'One link is confirmed. Open the link in the other inbox to finish.',
    'email.submit': 'Change email',

    'password.new': 'New password',
    'password.submit': 'Change password',
    'password.changed': 'Password changed',
    'password.changedText': 'Use your new password next time you sign in.',

    'language.legend': 'Language',
    'language.saved': 'Language saved',
  },
  sw: {
    'account.title': 'Akaunti',
    'account.signedInAs': 'Umeingia kama {email}',
    'section.profile': 'Wasifu',
    'section.profileText': 'Jina ambalo watu wengine katika shule zako wanaliona.',
    'section.email': 'Barua pepe',
    'section.emailText':
      'Anwani unayoingia nayo na ambako mialiko hutumwa. Kuibadilisha kunahitaji kiungo kifunguliwe katika masanduku yote mawili ya barua.',
    'section.password': 'Nenosiri',
    'section.passwordText': 'Chagua nenosiri jipya la kuingia.',
    'section.language': 'Lugha',
    'section.languageText': 'Lugha ambayo Kipindi kinakuonyesha, hapa na katika barua pepe kinazokutumia.',
    'section.signIns': 'Kuingia kwenye vifaa',
    'section.signInsText': 'Toka kwenye kifaa hiki, au kwenye kila kifaa ambacho umeingia.',
    'signOut.here': 'Toka',
    'signOut.everywhere': 'Toka kila mahali',

    'profile.displayName': 'Jina la kuonyeshwa',
    'profile.nameRequired': 'Weka jina ambalo watu wataliona.',
    'profile.nameTooLong': 'Tumia herufi zisizozidi {max}.',
    'profile.memberSince': 'Mwanachama tangu {date}',
    'profile.save': 'Hifadhi wasifu',
    'profile.saved': 'Wasifu umehifadhiwa',

    'email.current': 'Barua pepe ya sasa',
    'email.new': 'Barua pepe mpya',
    'email.newRequired': 'Weka anwani mpya ya barua pepe.',
    'email.invalid': 'Weka anwani sahihi ya barua pepe.',
    'email.same': 'Hii tayari ni anwani yako ya barua pepe.',
    'email.checkBoth': 'Angalia masanduku yote mawili ya barua',
    'email.checkBothText':
      'Barua pepe yako itabadilika utakapofungua viungo vilivyotumwa kwa anwani zote mbili.',
    'email.waiting':
      'Tumetuma kiungo cha uthibitisho kwa {current} na kingine kwa {next}. Barua pepe yako itabaki {current} hadi viungo vyote viwili vifunguliwe.',
    'email.oneConfirmed':
      'Kiungo kimoja kimethibitishwa. Fungua kiungo kilicho kwenye sanduku lingine la barua ili kumaliza.',
    'email.submit': 'Badilisha barua pepe',

    'password.new': 'Nenosiri jipya',
    'password.submit': 'Badilisha nenosiri',
    'password.changed': 'Nenosiri limebadilishwa',
    'password.changedText': 'Tumia nenosiri lako jipya utakapoingia tena.',

    'language.legend': 'Lugha',
    'language.saved': 'Lugha imehifadhiwa',
  },
})
