// "Read aloud": the browser's own speech synthesis (no paid voice service), in the answer's language.

/** The voice language for an answer: Kenyan Kiswahili or Kenyan English. */
export const speechLang = (language: 'en' | 'sw'): string => (language === 'sw' ? 'sw-KE' : 'en-KE')

/** Common Kiswahili words; a stored answer does not say its language, so it is guessed from them. */
const SW_WORDS = new Set(
  'na ya wa kwa ni za la katika hii huu hiyo kuwa kama lakini pia sana au je nini jinsi mimi wewe sisi yako yangu somo masomo swali jibu habari asante tafadhali kwamba hivyo zaidi mfano ili bila'.split(
    ' ',
  ),
)
const EN_WORDS = new Set(
  'the and of to is in that it for are as with this be on you your what how which from by or an can'.split(
    ' ',
  ),
)

/** 'sw' when the text reads as Kiswahili (more of its common words than English ones), else 'en'. */
export function guessLanguage(text: string): 'en' | 'sw' {
  let sw = 0
  let en = 0
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (SW_WORDS.has(word)) sw += 1
    else if (EN_WORDS.has(word)) en += 1
  }
  return sw > en ? 'sw' : 'en'
}

/** The text as it should be spoken: citation markers and bold marks are not read out. */
export const speakable = (text: string): string => text.replace(/\[\d{1,2}\]/g, '').replace(/\*\*/g, '')
