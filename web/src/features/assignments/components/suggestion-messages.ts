import { defineMessages } from '../../../lib/i18n/catalogue.ts'

// AI grade suggestions on the grading page (teachers), English and Kiswahili. Loaded with the
// Suggestions panel (lazy), not with the page.
export const messages = defineMessages({
  en: {
    'sug.title': 'AI suggestions',
    'sug.intro':
      'The AI reads the submission’s text and proposes an outcome per criterion, quoting the work. You decide: nothing reaches the student until you save and release grades.',
    'sug.request': 'Suggest grades with AI',
    'sug.again': 'Suggest again',
    'sug.needsProvider': 'Suggestions need an AI provider: admins set one in AI settings.',
    'sug.loading': 'Loading suggestions…',
    'sug.none': 'No suggestion held up for this submission: grade it as usual.',
    'sug.by': 'Suggested by {provider}.',
    'sug.level': 'Suggested: {level}',
    'sug.achieved': 'Suggested: achieved',
    'sug.notYet': 'Suggested: not yet',
    'sug.quote': 'From the submission',
    'sug.accept': 'Accept',
    'sug.acceptLabel': 'Accept the suggestion for {criterion}',
    'sug.ignore': 'Ignore',
    'sug.ignoreLabel': 'Ignore the suggestion for {criterion}',
    'sug.accepted': 'In your draft: save to keep it.',
    'sug.showIgnored': {
      one: 'Show {count} ignored suggestion',
      other: 'Show {count} ignored suggestions',
    },
  },
  sw: {
    'sug.title': 'Mapendekezo ya AI',
    'sug.intro':
      'AI inasoma maandishi ya kazi na kupendekeza matokeo kwa kila kigezo, ikinukuu kazi. Wewe ndiye unayeamua: hakuna kinachomfikia mwanafunzi hadi uhifadhi na kutoa alama.',
    'sug.request': 'Pendekeza alama kwa AI',
    'sug.again': 'Pendekeza tena',
    'sug.needsProvider':
      'Mapendekezo yanahitaji mtoa huduma wa AI: wasimamizi humweka katika mipangilio ya AI.',
    'sug.loading': 'Inapakia mapendekezo…',
    'sug.none': 'Hakuna pendekezo lililofaa kwa kazi hii: itathmini kama kawaida.',
    'sug.by': 'Imependekezwa na {provider}.',
    'sug.level': 'Pendekezo: {level}',
    'sug.achieved': 'Pendekezo: imefikiwa',
    'sug.notYet': 'Pendekezo: bado',
    'sug.quote': 'Kutoka kwenye kazi',
    'sug.accept': 'Kubali',
    'sug.acceptLabel': 'Kubali pendekezo la {criterion}',
    'sug.ignore': 'Puuza',
    'sug.ignoreLabel': 'Puuza pendekezo la {criterion}',
    'sug.accepted': 'Iko kwenye rasimu yako: hifadhi ili kuibakiza.',
    'sug.showIgnored': {
      one: 'Onyesha pendekezo {count} lililopuuzwa',
      other: 'Onyesha mapendekezo {count} yaliyopuuzwa',
    },
  },
})
