// Messages about self-harm, abuse or danger never go to a provider: the student gets a fixed,
// locally written reply with where to get help, and the conversation is flagged for a teacher.
//
// Matching: the message is normalised (normalize in text.ts: lower case, accents and apostrophes
// removed, punctuation as spaces) and each phrase below must occur as whole words, so
// "kill myself" matches "I want to KILL myself!" but not "skill myself", and "kujiua" matches
// "nataka kujiua" but not a longer word containing it. Phrases are first-person or about the
// student ("touches me", "ananipiga") so that lessons about history or health ("drug abuse",
// "animals in danger") do not trigger it; when a phrase is ambiguous we err on the side of the
// child: a false alarm costs a teacher a look, a miss could cost far more.
import type { FlagReason, TutorLanguage } from '../contract/ai.ts'
import { hasPhrase, normalize } from './text.ts'

export interface SafetyRule {
  reason: FlagReason
  language: TutorLanguage
  phrase: string
}

const rules = (reason: FlagReason, language: TutorLanguage, phrases: string[]): SafetyRule[] =>
  phrases.map((phrase) => ({ reason, language, phrase }))

/** In order of priority: self-harm first, then abuse, then danger (the first match decides). */
export const SAFETY_RULES: SafetyRule[] = [
  ...rules('self_harm', 'en', [
    'kill myself',
    'killing myself',
    'end my life',
    'ending my life',
    'take my own life',
    'take my life',
    'want to die',
    'wanna die',
    'wish i was dead',
    'wish i were dead',
    'better off dead',
    'commit suicide',
    'suicidal',
    'thinking about suicide',
    'thoughts of suicide',
    'hurt myself',
    'hurting myself',
    'harm myself',
    'harming myself',
    'cut myself',
    'cutting myself',
    'self harm',
    'selfharm',
    'dont want to live',
    'do not want to live',
    'no reason to live',
  ]),
  ...rules('self_harm', 'sw', [
    'kujiua',
    'nijiue',
    'nitajiua',
    'najiua',
    'nataka kufa',
    'ningependa kufa',
    'bora nife',
    'nife tu',
    'kujidhuru',
    'nitajidhuru',
    'kujikata',
    'sitaki kuishi',
    'sina sababu ya kuishi',
  ]),
  ...rules('abuse', 'en', [
    'abused me',
    'abuses me',
    'abusing me',
    'was abused',
    'been abused',
    'being abused',
    'sexually abused',
    'touches me',
    'touched me',
    'touching me',
    'raped me',
    'was raped',
    'rape me',
    'molested me',
    'was molested',
    'molests me',
    'he beats me',
    'she beats me',
    'they beat me',
    'beat me up',
    'beats me up',
    'he hits me',
    'she hits me',
    'they hit me',
    'hitting me',
    'forced me to',
    'forces me to',
    'unsafe at home',
    'not safe at home',
    'scared to go home',
    'afraid to go home',
  ]),
  ...rules('abuse', 'sw', [
    'ananipiga',
    'wananipiga',
    'alinipiga',
    'walinipiga',
    'ananigusa',
    'alinigusa',
    'wananigusa',
    'kubakwa',
    'alinibaka',
    'amenibaka',
    'wamenibaka',
    'ananinyanyasa',
    'wananinyanyasa',
    'alininyanyasa',
    'sina usalama nyumbani',
    'siko salama nyumbani',
    'naogopa kurudi nyumbani',
    'naogopa kwenda nyumbani',
  ]),
  ...rules('danger', 'en', [
    'i am in danger',
    'im in danger',
    'someone is following me',
    'somebody is following me',
    'threatened to kill me',
    'threatening to kill me',
    'going to kill me',
    'wants to kill me',
    'threatening me',
    'kidnapped me',
    'kidnap me',
    'ran away from home',
    'run away from home',
    'has a gun',
    'has a knife',
  ]),
  ...rules('danger', 'sw', [
    'niko hatarini',
    'nimetishiwa',
    'ananitishia',
    'wananitishia',
    'ataniua',
    'wataniua',
    'nimetekwa',
    'ananifuata',
    'nimetoroka nyumbani',
  ]),
]

/** The first safety rule `message` matches, or null. */
export function checkSafety(message: string): SafetyRule | null {
  const text = normalize(message)
  return SAFETY_RULES.find((r) => hasPhrase(text, r.phrase)) ?? null
}

/**
 * The fixed reply, in the student's language: they are heard and not in trouble, where to get help
 * in Kenya (Childline 116, free, 24 hours; a trusted adult or teacher; 999/112 in an emergency),
 * and that a teacher may read the conversation (it is flagged). No provider writes this.
 */
export const SAFETY_REPLY: Record<TutorLanguage, string> = {
  en: [
    'Thank you for telling me. What you are going through matters, and you do not have to face it alone.',
    'Please talk to someone who can help you right now:',
    '',
    '- **Call Childline Kenya on 116.** It is free, and someone is there to listen 24 hours a day.',
    '- **Tell an adult you trust**: a parent or carer, a teacher, or your school counsellor.',
    '- **If you are in danger right now, call 999 or 112.**',
    '',
    'You are not in trouble for telling. A teacher at your school may read this conversation so that they can help you.',
    'I am a study helper, so I cannot help with this myself, but the people above can.',
  ].join('\n'),
  sw: [
    'Asante kwa kuniambia. Unachopitia ni muhimu, na hauko peke yako.',
    'Tafadhali zungumza na mtu anayeweza kukusaidia sasa hivi:',
    '',
    '- **Piga simu Childline Kenya kwa 116.** Ni bure, na kuna mtu wa kukusikiliza saa 24 kila siku.',
    '- **Mwambie mtu mzima unayemwamini**: mzazi au mlezi, mwalimu, au mshauri wa shule yako.',
    '- **Ikiwa uko hatarini sasa hivi, piga 999 au 112.**',
    '',
    'Hujakosea kwa kusema. Mwalimu wa shule yako anaweza kusoma mazungumzo haya ili akusaidie.',
    'Mimi ni msaidizi wa masomo, kwa hivyo siwezi kukusaidia na jambo hili mwenyewe, lakini watu hawa wanaweza.',
  ].join('\n'),
}
