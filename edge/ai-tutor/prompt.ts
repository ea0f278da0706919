// What the tutor says on its own and what it tells a provider: the system prompt (learning only,
// CBC grade level, the student's language, hint or answer mode, the lesson passages to cite), the
// "from your lessons" answer built from passages when no provider answers, and the fixed replies.
import type { Citation, TutorLanguage, TutorMode } from '../contract/ai.ts'
import { cutAtWord } from './text.ts'

/** One row of public.search_lesson_passages. */
export interface Passage {
  lesson_id: string
  course_id: string
  version: number
  lesson_title: string
  section_id: string
  heading: string
  body: string
  rank?: number
}

/** Passages numbered [1]..[n] as citations, in the order given. */
export const citationsOf = (passages: Passage[]): Citation[] =>
  passages.map((p, i) => ({
    n: i + 1,
    course_id: p.course_id,
    lesson_id: p.lesson_id,
    version: p.version,
    section_id: p.section_id,
    lesson_title: p.lesson_title,
    heading: p.heading,
  }))

/** The citations an answer's text refers to ([2], [1][3]…), in number order. */
export function citedIn(text: string, citations: Citation[]): Citation[] {
  const used = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))
  return citations.filter((c) => used.has(c.n))
}

const LANGUAGE_NAME: Record<TutorLanguage, string> = { en: 'English', sw: 'Kiswahili' }

/** Characters of one passage's body in the prompt. */
const PASSAGE_CHARS = 1500

export interface PromptInput {
  language: TutorLanguage
  mode: TutorMode
  /** The course's level (courses.level, e.g. "Grade 7"), '' when not set or no course. */
  level: string
  courseTitle?: string | null
  passages: Passage[]
}

export function systemPrompt(o: PromptInput): string {
  const lines = [
    "You are Kipindi's study tutor for a school student in Kenya. The student may be a child.",
    o.level
      ? `The student's level is ${o.level} in Kenya's Competency-Based Curriculum (CBC): use words, examples and steps a learner at that level understands.`
      : "Kenya's Competency-Based Curriculum (CBC) applies: use simple words and everyday Kenyan examples.",
    o.courseTitle ? `The student is studying the course "${o.courseTitle}".` : '',
    `Always answer in ${LANGUAGE_NAME[o.language]}, whatever language the passages are in.`,
    'Stay on learning: help only with school subjects and study skills. If the student asks about anything else, gently bring the conversation back to their studies.',
    'Never ask for, repeat or guess personal details (names, phone numbers, addresses, ID numbers). Text like [phone] or [address] is personal data that was removed: ignore it.',
    'Do not give medical, legal or relationship advice; suggest talking to a teacher or a trusted adult.',
    o.mode === 'hints'
      ? 'Hint mode: do NOT give the final answer or a finished solution, essay or story. Ask one or two guiding questions, then give graded hints one step at a time, smallest hint first. If the student has tried, check their work, say what is right, and give the next hint.'
      : 'Answer mode: explain clearly and completely, step by step, with a short example, and end with one question that checks understanding.',
    'Keep answers short (under about 250 words) and use simple Markdown.',
  ]
  if (o.passages.length) {
    lines.push(
      "Below are passages from the student's published lessons. Use them when they are relevant and cite them as [n] right after the sentence that uses them. Never invent a citation. If they do not cover the question, say so in one sentence and help from general knowledge at the student's level.",
      '',
      'Passages:',
      ...o.passages.map(
        (p, i) =>
          `[${i + 1}] ${p.lesson_title}${p.heading ? ` — ${p.heading}` : ''}\n${cutAtWord(p.body, PASSAGE_CHARS)}`,
      ),
    )
  } else {
    lines.push(
      "No passage of the student's lessons matches this question: help from general knowledge at the student's level, and do not cite anything.",
    )
  }
  return lines.filter((l) => l !== '').join('\n')
}

/** Characters of one quoted passage in a "from your lessons" answer. */
export const SNIPPET_CHARS = 300

const INTRO: Record<TutorLanguage, string> = {
  en: 'From your lessons:',
  sw: 'Kutoka kwenye masomo yako:',
}

const NOTHING: Record<TutorLanguage, string> = {
  en: 'I could not find anything about this in your lessons yet. Try asking with other words, or ask your teacher: they will be glad to help. You can also use "Ask a person".',
  sw: 'Sijapata chochote kuhusu hili kwenye masomo yako bado. Jaribu kuuliza kwa maneno mengine, au muulize mwalimu wako: atafurahi kukusaidia. Unaweza pia kutumia "Uliza mtu".',
}

/**
 * The answer from published lessons alone: a short intro, then each passage as a quote (about 300
 * characters, cut at a word) with its [n]; when nothing matched, a kind message pointing to a
 * teacher. The parts are streamed one by one.
 */
export function lessonsAnswer(
  passages: Passage[],
  language: TutorLanguage,
): { parts: string[]; citations: Citation[] } {
  if (!passages.length) return { parts: [NOTHING[language]], citations: [] }
  const parts = [`${INTRO[language]}\n`]
  passages.forEach((p, i) => {
    const title = p.heading ? `${p.lesson_title} — ${p.heading}` : p.lesson_title
    parts.push(`\n**${title}** [${i + 1}]\n> ${cutAtWord(p.body, SNIPPET_CHARS)}\n`)
  })
  return { parts, citations: citationsOf(passages) }
}

/** When a provider refuses (a Gemini safety block): a gentle nudge back to learning. */
export const KEEP_TO_LEARNING: Record<TutorLanguage, string> = {
  en: "Let's keep to learning. I can help with your school subjects: ask me about a lesson, a word, or a problem you are working on.",
  sw: 'Tuendelee na masomo. Ninaweza kukusaidia na masomo yako ya shule: niulize kuhusu somo, neno, au swali unalolifanyia kazi.',
}

/** A conversation's title from its first question: whitespace collapsed, at most 60 characters. */
export const titleFrom = (question: string) => cutAtWord(question, 60) || 'Question'
