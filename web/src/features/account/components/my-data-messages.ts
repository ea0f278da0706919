import { defineMessages } from '../../../lib/i18n/catalogue.ts'

/** The account page's "My data" section. */
export const myDataMessages = defineMessages({
  en: {
    'myData.title': 'My data',
    'myData.text':
      'Download everything Kipindi holds about you as one JSON file: your profile, schools, messages, tutor conversations, work, grades, payments and certificates.',
    'myData.download': 'Download my data',
    'myData.downloading': 'Preparing your file…',
    'myData.done': 'Your data is downloaded.',
    'myData.note': 'Keep the file somewhere safe: it holds your personal information.',
  },
  sw: {
    'myData.title': 'Data yangu',
    'myData.text':
      'Pakua kila kitu ambacho Kipindi kinashikilia kukuhusu kama faili moja la JSON: wasifu wako, shule, ujumbe, mazungumzo na mwalimu msaidizi, kazi, alama, malipo na vyeti.',
    'myData.download': 'Pakua data yangu',
    'myData.downloading': 'Tunaandaa faili lako…',
    'myData.done': 'Data yako imepakuliwa.',
    'myData.note': 'Weka faili hili mahali salama: lina taarifa zako binafsi.',
  },
})
