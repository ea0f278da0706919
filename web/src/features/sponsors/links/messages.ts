import { defineMessages } from '../../../lib/i18n/catalogue.ts'

// The words of the way into sponsorships that other pages show (the admin home, a partner's home).
export const messages = defineMessages({
  en: {
    title: 'Sponsorships',
    adminText: 'Partner organisations paying for students’ seats: arrange them and follow them.',
    partnerText: 'Pay for the seats your organisation sponsors and see how the students are doing.',
  },
  sw: {
    title: 'Ufadhili',
    adminText: 'Mashirika washirika yanayolipia nafasi za wanafunzi: yaandae na uyafuatilie.',
    partnerText: 'Lipia nafasi ambazo shirika lako linafadhili na uone maendeleo ya wanafunzi.',
  },
})
