import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** Acting as someone for support: the console's search and the reason dialog. */
export const messages = defineMessages({
  en: {
    'imp.title': 'Act as someone for support',
    'imp.text':
      'See Kipindi as a person sees it, for up to 30 minutes. They can see that you did and why; everything you do is recorded under both your names.',
    'imp.search': 'Find a person',
    'imp.searchPlaceholder': 'Email or name (at least 2 letters)',
    'imp.none': 'Nobody matches “{q}”.',
    'imp.noSchool': 'In no school',
    'imp.superadmin': 'Super-admin: cannot be acted as',
    'imp.start': 'Impersonate',
    'imp.startLabel': 'Impersonate {name}',
    'imp.dialogTitle': 'Act as {name}',
    'imp.dialogText':
      'For at most 30 minutes. Their password, email, two-step sign-in and devices stay out of your reach.',
    'imp.reason': 'Why (they and their school can read it)',
    'imp.reasonHint': '10 to 500 characters, e.g. the support ticket.',
    'imp.submit': 'Start acting as them',
  },
  sw: {
    'imp.title': 'Tenda kama mtu mwingine kwa msaada',
    'imp.text':
      'Ona Kipindi kama mtu anavyokiona, kwa hadi dakika 30. Ataona kwamba ulifanya hivyo na kwa nini; kila unachofanya kinarekodiwa kwa majina yenu wawili.',
    'imp.search': 'Tafuta mtu',
    'imp.searchPlaceholder': 'Barua pepe au jina (angalau herufi 2)',
    'imp.none': 'Hakuna anayelingana na “{q}”.',
    'imp.noSchool': 'Hayuko katika shule yoyote',
    'imp.superadmin': 'Msimamizi mkuu: hawezi kuigizwa',
    'imp.start': 'Tenda kama yeye',
    'imp.startLabel': 'Tenda kama {name}',
    'imp.dialogTitle': 'Tenda kama {name}',
    'imp.dialogText':
      'Kwa dakika 30 zaidi. Nenosiri lake, barua pepe, uthibitishaji wa hatua mbili na vifaa vyake havitakufikia.',
    'imp.reason': 'Kwa nini (yeye na shule yake wanaweza kusoma)',
    'imp.reasonHint': 'Herufi 10 hadi 500, k.m. tiketi ya msaada.',
    'imp.submit': 'Anza kutenda kama yeye',
  },
})
