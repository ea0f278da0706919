import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** The banner while a superadmin acts as someone (loaded only then). */
export const bannerMessages = defineMessages({
  en: {
    'imp.banner': 'You are acting as {name} for support',
    'imp.left': { one: '{count} min left', other: '{count} min left' },
    'imp.end': 'End',
    'imp.endLabel': 'Stop acting as {name} and return to your own account',
    'imp.ended': 'You are yourself again.',
    'imp.expired': 'The 30 minutes are over: you are yourself again.',
  },
  sw: {
    'imp.banner': 'Unatenda kama {name} kwa msaada',
    'imp.left': { one: 'Imebaki dakika {count}', other: 'Zimebaki dakika {count}' },
    'imp.end': 'Maliza',
    'imp.endLabel': 'Acha kutenda kama {name} na urudi kwenye akaunti yako',
    'imp.ended': 'Sasa ni wewe tena.',
    'imp.expired': 'Dakika 30 zimeisha: sasa ni wewe tena.',
  },
})
