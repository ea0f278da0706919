import { defineMessages } from '../../../lib/i18n/catalogue.ts'

// Payments' words on other features' pages (the course page, the teacher home): a small catalogue
// of its own, so those pages do not carry the payment pages'. The course editor's price form has
// its own (price-messages.ts), so the course page does not carry that either.
export const messages = defineMessages({
  en: {
    buy: 'Buy for {price}',
    buyLabel: 'Buy {title} for {price}',
    wallet: 'Wallet',
    walletText: 'What your course sales have earned: pending and available, per currency.',
  },
  sw: {
    buy: 'Nunua kwa {price}',
    buyLabel: 'Nunua {title} kwa {price}',
    wallet: 'Pochi',
    walletText: 'Mapato ya mauzo ya kozi zako: yanayosubiri na yanayopatikana, kwa kila sarafu.',
  },
})
