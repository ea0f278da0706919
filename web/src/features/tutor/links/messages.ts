import { defineMessages } from '../../../lib/i18n/catalogue.ts'

// The tutor's words on other features' pages (lesson, course, homes, settings, course editing):
// a small catalogue of its own, so those pages do not carry the tutor's whole one.
export const messages = defineMessages({
  en: {
    askLesson: 'Ask the tutor about this lesson',
    askCourse: 'Ask the tutor',
    homeTitle: 'Your tutor',
    homeText: 'Stuck on something? Ask in English or Kiswahili — the tutor helps from your lessons.',
    homeAction: 'Ask the tutor',
    review: 'Tutor conversations',
    reviewFlagged: { one: '{count} flagged', other: '{count} flagged' },
    reviewText: "Read your students' conversations with the tutor; flagged ones come first.",
    settingsTitle: 'AI tutor',
    settingsText:
      "Choose the tutor's AI providers and keys, set the monthly budget and daily limits, and see usage.",
    settingsLink: 'Open AI tutor settings',
    mode: 'Tutor mode',
    modeText: 'How the AI tutor helps students of this course.',
    modeHints: 'Hints',
    modeHintsText: 'Guiding questions and graded hints, so students work it out themselves (recommended).',
    modeAnswers: 'Answers',
    modeAnswersText: 'Full explanations and worked answers.',
    modeSaved: 'Tutor mode saved.',
    modeFailed: 'Could not save the tutor mode.',
    modeLoading: 'Loading the tutor mode…',
  },
  sw: {
    askLesson: 'Uliza mkufunzi kuhusu somo hili',
    askCourse: 'Uliza mkufunzi',
    homeTitle: 'Mkufunzi wako',
    homeText:
      'Umekwama mahali? Uliza kwa Kiingereza au Kiswahili — mkufunzi anakusaidia kutoka kwenye masomo yako.',
    homeAction: 'Uliza mkufunzi',
    review: 'Mazungumzo na mkufunzi',
    reviewFlagged: { one: '{count} limewekewa alama', other: '{count} yamewekewa alama' },
    reviewText: 'Soma mazungumzo ya wanafunzi wako na mkufunzi; yaliyowekewa alama yanakuja kwanza.',
    settingsTitle: 'Mkufunzi wa AI',
    settingsText:
      'Chagua watoa huduma wa AI na funguo zao, weka bajeti ya mwezi na vikomo vya kila siku, na uone matumizi.',
    settingsLink: 'Fungua mipangilio ya mkufunzi wa AI',
    mode: 'Hali ya mkufunzi',
    modeText: 'Jinsi mkufunzi wa AI anavyowasaidia wanafunzi wa kozi hii.',
    modeHints: 'Vidokezo',
    modeHintsText:
      'Maswali ya kuongoza na vidokezo vya hatua kwa hatua, ili wanafunzi wapate jibu wenyewe (inapendekezwa).',
    modeAnswers: 'Majibu',
    modeAnswersText: 'Maelezo kamili na majibu yaliyofanyiwa kazi.',
    modeSaved: 'Hali ya mkufunzi imehifadhiwa.',
    modeFailed: 'Imeshindikana kuhifadhi hali ya mkufunzi.',
    modeLoading: 'Inapakia hali ya mkufunzi…',
  },
})
