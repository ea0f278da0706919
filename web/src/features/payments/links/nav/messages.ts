import { defineMessages } from '../../../../lib/i18n/catalogue.ts'

// The school nav's word for payments, alone: the nav ships with the first screen, so it carries
// this one label rather than the payments links' catalogue.
export const messages = defineMessages({
  en: { purchases: 'My purchases' },
  sw: { purchases: 'Ununuzi wangu' },
})
