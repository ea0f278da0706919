import { defineMessages } from '../../../../lib/i18n/catalogue.ts'

// Payments' words on the admin home (the school's money pages and the past-due banner): a small
// catalogue of its own, so the home does not carry the payment pages'.
export const messages = defineMessages({
  en: {
    title: 'Money',
    billing: 'Plan and billing',
    billingText: 'The school’s plan, how much of it is used, and the card that pays for it.',
    payments: 'School payments',
    paymentsText: 'Every course purchase, by M-Pesa or card, and refunds.',
    payouts: 'Payouts',
    payoutsText: 'Instructors’ requests to be paid what their courses earned.',
    pastDue: 'Your last payment failed. Update your card to keep {plan}.',
    updateCard: 'Update card',
    openBilling: 'Open billing',
  },
  sw: {
    title: 'Fedha',
    billing: 'Mpango na malipo',
    billingText: 'Mpango wa shule, kiasi kilichotumika, na kadi inayoulipia.',
    payments: 'Malipo ya shule',
    paymentsText: 'Kila ununuzi wa kozi, kwa M-Pesa au kwa kadi, na marejesho.',
    payouts: 'Malipo kwa walimu',
    payoutsText: 'Maombi ya walimu ya kulipwa mapato ya kozi zao.',
    pastDue: 'Malipo yako ya mwisho hayakufaulu. Sasisha kadi yako ili kuendelea na {plan}.',
    updateCard: 'Sasisha kadi',
    openBilling: 'Fungua malipo ya mpango',
  },
})
