import { defineMessages } from '../../lib/i18n/catalogue.ts'

// The words of pupils' sign-ins: the class page's pupil accounts, the class sheet (PDF), the
// sign-in with a school code and the first-password page (English and Kiswahili).
export const messages = defineMessages({
  en: {
    'pupils.title': 'Sign-ins without email',
    'pupils.intro':
      'Young pupils sign in with the school code, their admission number and a password. Make their accounts here and print the class sheet.',
    'pupils.schoolCode': 'School code',
    'pupils.signInAt': 'Sign in at',
    'pupils.loading': 'Loading pupil accounts…',
    'pupils.none': 'No pupil in this class signs in with an admission number yet.',
    'pupils.name': 'Name',
    'pupils.admission': 'Admission number',
    'pupils.status': 'Sign-in',
    'pupils.mustChange': 'First password not changed yet',
    'pupils.ready': 'Has their own password',
    'pupils.reset': 'Reset password',
    'pupils.resetOf': 'Reset the password of {name}',
    'pupils.resetTitle': 'Give {name} a new first password?',
    'pupils.resetText':
      'Their current password stops working and they are signed out. They choose a new password when they next sign in.',
    'pupils.resetDone': 'New first password for {name}',
    'pupils.makeTitle': 'Make accounts',
    'pupils.listLabel': 'Pupils, one per line: name, admission number',
    'pupils.listHelp': 'For example: Amani Otieno, 2024/045. You can paste two columns from a spreadsheet.',
    'pupils.listRequired': 'List at least one pupil.',
    'pupils.lineInvalid': 'Line {line}: write the name, a comma, then the admission number.',
    'pupils.lineAdmission':
      'Line {line}: the admission number uses letters and digits, groups joined by / or -.',
    'pupils.lineTwice': 'Line {line}: admission number {number} is listed twice.',
    'pupils.tooMany': 'Make at most {max} accounts at a time.',
    'pupils.make': 'Make accounts',
    'pupils.made': { one: '{count} account made', other: '{count} accounts made' },
    'pupils.sheetTitle': 'First passwords',
    'pupils.sheetOnce':
      'These passwords are shown only now. Download the class sheet and keep it safe until the pupils have signed in.',
    'pupils.password': 'First password',
    'pupils.download': 'Download class sheet (PDF)',
    'pupils.downloading': 'Making the PDF…',
    'pupils.dismiss': 'Done',
    'pupils.dismissWarning': 'Download the sheet first: these passwords cannot be shown again.',
    // The class sheet (PDF)
    'sheet.heading': '{school} · {class}',
    'sheet.howTo':
      'Go to {url}, choose "School code", and type the school code, your admission number and your password.',
    'sheet.firstTime': 'The first time, you choose a new password of your own.',
    'sheet.fileName': 'class-sheet-{class}.pdf',
    // Sign in with a school code
    'signIn.withCode': 'Pupils: sign in with a school code',
    'signIn.withEmail': 'Sign in with email instead',
    'signIn.codeTitle': 'Pupil sign-in',
    'signIn.codeSubtitle': 'Use the school code and admission number on your class sheet.',
    'signIn.codeRequired': 'Enter the school code.',
    'signIn.admissionRequired': 'Enter your admission number.',
    'signIn.badCode':
      'That school code, admission number and password do not match. Check them and try again.',
    // First password
    'choose.title': 'Choose your new password',
    'choose.subtitle':
      'Hello {name}! Your password came from your school. Choose your own now, and keep it secret.',
    'choose.label': 'Your new password',
    'choose.submit': 'Save my password',
    'choose.saved': 'Your password is saved',
    'choose.savedText': 'Use it every time you sign in.',
    'choose.signedOut': 'Sign in first with your school code, admission number and first password.',
    'choose.signIn': 'Sign in',
  },
  sw: {
    'pupils.title': 'Kuingia bila barua pepe',
    'pupils.intro':
      'Wanafunzi wadogo huingia kwa msimbo wa shule, nambari yao ya usajili na nenosiri. Fungua akaunti zao hapa na uchapishe karatasi ya darasa.',
    'pupils.schoolCode': 'Msimbo wa shule',
    'pupils.signInAt': 'Ingia kupitia',
    'pupils.loading': 'Inapakia akaunti za wanafunzi…',
    'pupils.none': 'Bado hakuna mwanafunzi wa darasa hili anayeingia kwa nambari ya usajili.',
    'pupils.name': 'Jina',
    'pupils.admission': 'Nambari ya usajili',
    'pupils.status': 'Kuingia',
    'pupils.mustChange': 'Bado hajabadilisha nenosiri la kwanza',
    'pupils.ready': 'Ana nenosiri lake mwenyewe',
    'pupils.reset': 'Weka upya nenosiri',
    'pupils.resetOf': 'Weka upya nenosiri la {name}',
    'pupils.resetTitle': 'Mpe {name} nenosiri jipya la kwanza?',
    'pupils.resetText':
      'Nenosiri lake la sasa litaacha kufanya kazi na atatolewa. Atachagua nenosiri jipya atakapoingia tena.',
    'pupils.resetDone': 'Nenosiri jipya la kwanza la {name}',
    'pupils.makeTitle': 'Fungua akaunti',
    'pupils.listLabel': 'Wanafunzi, mmoja kwa kila mstari: jina, nambari ya usajili',
    'pupils.listHelp':
      'Kwa mfano: Amani Otieno, 2024/045. Unaweza kubandika safu mbili kutoka kwenye jedwali.',
    'pupils.listRequired': 'Orodhesha angalau mwanafunzi mmoja.',
    'pupils.lineInvalid': 'Mstari {line}: andika jina, koma, kisha nambari ya usajili.',
    'pupils.lineAdmission':
      'Mstari {line}: nambari ya usajili hutumia herufi na tarakimu, vikundi vikiunganishwa kwa / au -.',
    'pupils.lineTwice': 'Mstari {line}: nambari ya usajili {number} imeorodheshwa mara mbili.',
    'pupils.tooMany': 'Fungua akaunti zisizozidi {max} kwa wakati mmoja.',
    'pupils.make': 'Fungua akaunti',
    'pupils.made': { one: 'Akaunti {count} imefunguliwa', other: 'Akaunti {count} zimefunguliwa' },
    'pupils.sheetTitle': 'Manenosiri ya kwanza',
    'pupils.sheetOnce':
      'Manenosiri haya yanaonyeshwa sasa tu. Pakua karatasi ya darasa na uiweke salama hadi wanafunzi waingie.',
    'pupils.password': 'Nenosiri la kwanza',
    'pupils.download': 'Pakua karatasi ya darasa (PDF)',
    'pupils.downloading': 'Inatengeneza PDF…',
    'pupils.dismiss': 'Nimemaliza',
    'pupils.dismissWarning': 'Pakua karatasi kwanza: manenosiri haya hayawezi kuonyeshwa tena.',
    'sheet.heading': '{school} · {class}',
    'sheet.howTo':
      'Nenda {url}, chagua "Msimbo wa shule", kisha andika msimbo wa shule, nambari yako ya usajili na nenosiri lako.',
    'sheet.firstTime': 'Mara ya kwanza, utachagua nenosiri lako jipya.',
    'sheet.fileName': 'karatasi-ya-darasa-{class}.pdf',
    'signIn.withCode': 'Wanafunzi: ingia kwa msimbo wa shule',
    'signIn.withEmail': 'Ingia kwa barua pepe badala yake',
    'signIn.codeTitle': 'Kuingia kwa mwanafunzi',
    'signIn.codeSubtitle':
      'Tumia msimbo wa shule na nambari ya usajili iliyo kwenye karatasi ya darasa lako.',
    'signIn.codeRequired': 'Weka msimbo wa shule.',
    'signIn.admissionRequired': 'Weka nambari yako ya usajili.',
    'signIn.badCode':
      'Msimbo huo wa shule, nambari ya usajili na nenosiri havilingani. Viangalie kisha ujaribu tena.',
    'choose.title': 'Chagua nenosiri lako jipya',
    'choose.subtitle':
      'Habari {name}! Nenosiri lako lilitoka shuleni. Chagua lako mwenyewe sasa, na ulitunze kwa siri.',
    'choose.label': 'Nenosiri lako jipya',
    'choose.submit': 'Hifadhi nenosiri langu',
    'choose.saved': 'Nenosiri lako limehifadhiwa',
    'choose.savedText': 'Litumie kila unapoingia.',
    'choose.signedOut': 'Ingia kwanza kwa msimbo wa shule, nambari ya usajili na nenosiri la kwanza.',
    'choose.signIn': 'Ingia',
  },
})
