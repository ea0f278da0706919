import { defineMessages } from '../../lib/i18n/catalogue.ts'

// The similarity check of an assignment (teachers), English and Kiswahili.
export const messages = defineMessages({
  en: {
    'sim.docTitle': 'Similarity of {title}',
    'sim.title': 'Similarity check',
    'sim.back': 'Back to the submissions',
    'sim.intro':
      'Each submission is compared with the others and with the course’s published lessons. A score is the share of a text also found in the other.',
    'sim.informs':
      'It informs, never decides: quotations, shared sources and work done together match too. Read the passages and talk with the students before drawing any conclusion.',
    'sim.check': 'Check similarity',
    'sim.recheck': 'Check again',
    'sim.checkedAt': {
      one: 'Checked {time}: {count} submission and {lessons} published lessons compared.',
      other: 'Checked {time}: {count} submissions and {lessons} published lessons compared.',
    },
    'sim.neverTitle': 'Not checked yet',
    'sim.neverText':
      'Check similarity to compare the submissions. It runs in the background: you can leave this page.',
    'sim.noneTitle': 'No shared passages found',
    'sim.noneText':
      'No two submissions, and no submission and lesson, share a passage of 8 words or more beyond the instructions.',
    'sim.pairsTitle': { one: '{count} pair shares passages', other: '{count} pairs share passages' },
    'sim.score': '{percent}%',
    'sim.scoreLabel': '{percent}% similar',
    'sim.lesson': 'Lesson “{title}”',
    'sim.passages': { one: '{count} passage, {words} words', other: '{count} passages, {words} words' },
    'sim.compare': 'Compare',
    'sim.compareLabel': 'Compare {a} and {b}',
    'sim.close': 'Close',
    'sim.pairTitle': '{a} and {b}',
    'sim.shareOf': '{percent}% of this text is in the other',
    'sim.legend': 'Highlighted: passages found in both texts.',
    'sim.asChecked': 'The texts as they were when checked, {time}.',
    'sim.empty': '(no text)',
  },
  sw: {
    'sim.docTitle': 'Mfanano wa {title}',
    'sim.title': 'Ukaguzi wa mfanano',
    'sim.back': 'Rudi kwenye kazi zilizowasilishwa',
    'sim.intro':
      'Kila kazi iliyowasilishwa inalinganishwa na nyingine na na masomo ya kozi yaliyochapishwa. Alama ni sehemu ya maandishi inayopatikana pia katika mengine.',
    'sim.informs':
      'Hutoa taarifa tu, haiamui: nukuu, vyanzo vya pamoja na kazi iliyofanywa pamoja hufanana pia. Soma vifungu na zungumza na wanafunzi kabla ya kufikia hitimisho lolote.',
    'sim.check': 'Kagua mfanano',
    'sim.recheck': 'Kagua tena',
    'sim.checkedAt': {
      one: 'Imekaguliwa {time}: kazi {count} na masomo {lessons} yaliyochapishwa yamelinganishwa.',
      other: 'Imekaguliwa {time}: kazi {count} na masomo {lessons} yaliyochapishwa yamelinganishwa.',
    },
    'sim.neverTitle': 'Bado haijakaguliwa',
    'sim.neverText':
      'Kagua mfanano ili kulinganisha kazi zilizowasilishwa. Hufanyika chinichini: unaweza kuondoka kwenye ukurasa huu.',
    'sim.noneTitle': 'Hakuna vifungu vinavyofanana',
    'sim.noneText':
      'Hakuna kazi mbili, wala kazi na somo, zenye kifungu cha maneno 8 au zaidi kinachofanana, nje ya maelekezo.',
    'sim.pairsTitle': {
      one: 'Jozi {count} ina vifungu vinavyofanana',
      other: 'Jozi {count} zina vifungu vinavyofanana',
    },
    'sim.score': '{percent}%',
    'sim.scoreLabel': 'Mfanano wa {percent}%',
    'sim.lesson': 'Somo “{title}”',
    'sim.passages': { one: 'Kifungu {count}, maneno {words}', other: 'Vifungu {count}, maneno {words}' },
    'sim.compare': 'Linganisha',
    'sim.compareLabel': 'Linganisha {a} na {b}',
    'sim.close': 'Funga',
    'sim.pairTitle': '{a} na {b}',
    'sim.shareOf': '{percent}% ya maandishi haya yamo katika mengine',
    'sim.legend': 'Yaliyoangaziwa: vifungu vilivyomo katika maandishi yote mawili.',
    'sim.asChecked': 'Maandishi kama yalivyokuwa yalipokaguliwa, {time}.',
    'sim.empty': '(hakuna maandishi)',
  },
})
