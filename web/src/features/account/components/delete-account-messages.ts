import { defineMessages } from '../../../lib/i18n/catalogue.ts'

/** The account page's "Delete my account" (danger zone). */
export const deleteAccountMessages = defineMessages({
  en: {
    'deleteAccount.title': 'Delete my account',
    'deleteAccount.text':
      'Remove your account and your personal data for good. Download your data first if you want to keep it.',
    'deleteAccount.erased':
      'Erased: your email, phone, name and picture, your sign-ins and devices, your places in schools, parent links, tutor conversations, the support tickets you opened, your work and your notifications. Messages you wrote in other people’s conversations are shown as removed.',
    'deleteAccount.kept':
      'Kept, without anything that identifies you: payment and ledger records (so totals stay right) and the audit history of who did what, where you appear as “Deleted user”.',
    'deleteAccount.owner':
      'If you are the only owner of a school, hand it to one of its admins (or delete the school) from its settings first.',
    'deleteAccount.open': 'Delete my account…',
    'deleteAccount.dialogTitle': 'Delete your account?',
    'deleteAccount.dialogText': 'This cannot be undone. Enter your password to confirm.',
    'deleteAccount.password': 'Your password',
    'deleteAccount.passwordMissing': 'Enter your password.',
    'deleteAccount.confirm': 'Delete my account',
    'deleteAccount.done': 'Your account is deleted.',
    'deleteAccount.doneText': 'You are signed out everywhere. Thank you for learning with us.',
  },
  sw: {
    'deleteAccount.title': 'Futa akaunti yangu',
    'deleteAccount.text':
      'Ondoa akaunti yako na data zako binafsi milele. Pakua data yako kwanza ukitaka kuiweka.',
    'deleteAccount.erased':
      'Kinachofutwa: barua pepe, simu, jina na picha yako, kuingia kwako na vifaa vyako, nafasi zako shuleni, viungo vya wazazi, mazungumzo na mwalimu msaidizi, tiketi za msaada ulizofungua, kazi zako na arifa zako. Ujumbe ulioandika katika mazungumzo ya watu wengine utaonyeshwa kama umeondolewa.',
    'deleteAccount.kept':
      'Kinachobaki, bila chochote kinachokutambulisha: kumbukumbu za malipo na leja (ili jumla zibaki sahihi) na historia ya ukaguzi ya nani alifanya nini, ambapo utaonekana kama “Mtumiaji aliyefutwa”.',
    'deleteAccount.owner':
      'Ikiwa wewe ndiye mmiliki pekee wa shule, ikabidhi kwa mmoja wa wasimamizi wake (au ifute shule) kutoka kwenye mipangilio yake kwanza.',
    'deleteAccount.open': 'Futa akaunti yangu…',
    'deleteAccount.dialogTitle': 'Ufute akaunti yako?',
    'deleteAccount.dialogText': 'Hili haliwezi kutenduliwa. Weka neno lako la siri kuthibitisha.',
    'deleteAccount.password': 'Neno lako la siri',
    'deleteAccount.passwordMissing': 'Weka neno lako la siri.',
    'deleteAccount.confirm': 'Futa akaunti yangu',
    'deleteAccount.done': 'Akaunti yako imefutwa.',
    'deleteAccount.doneText': 'Umetolewa kila mahali. Asante kwa kujifunza nasi.',
  },
})
