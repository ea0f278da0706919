import { describe, expect, it } from 'vitest'
import { compareTexts, K, shingleHashes, tokenize, WINDOW, winnow } from './fingerprint.ts'

// Deterministic "student essays": sentences of words drawn from a vocabulary in which short
// function words are frequent, as in real writing, from a seeded generator.
const VOCAB = (
  'the the the of of and and to to a a in in is is that it for on with as was by this are be ' +
  'water plants soil farmers river market town school family rain season harvest crops cattle ' +
  'trade road price money village children teacher lesson book history climate forest energy ' +
  'light sun leaves roots growth food health doctor clinic disease community government policy ' +
  'rights land city island coast fishing boats ocean weather drought flood irrigation maize beans ' +
  'coffee tea sugar cotton factory workers wages transport railway port export import tourism ' +
  'wildlife park lion elephant mountain kilimanjaro lake victoria nile valley rift desert ' +
  'important because however therefore many most some often usually always never very more less ' +
  'grow sell buy build carry learn teach write read explain describe show change help need use'
).split(' ')

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

function essay(seed: number, words: number): string {
  const next = rng(seed)
  const sentences: string[] = []
  let count = 0
  while (count < words) {
    const n = 6 + Math.floor(next() * 12)
    const s = Array.from({ length: n }, () => VOCAB[Math.floor(next() * VOCAB.length)] as string)
    sentences.push(`${s.join(' ').replace(/^./, (c) => c.toUpperCase())}.`)
    count += n
  }
  return sentences.join(' ')
}

const PARAGRAPH =
  'Photosynthesis is the process by which green plants use the energy of sunlight to turn carbon ' +
  'dioxide from the air and water from the soil into glucose, releasing oxygen as a by-product. ' +
  'It happens mostly in the leaves, inside chloroplasts that hold the green pigment chlorophyll, ' +
  'and it is the source of almost all the food on Earth.'

const texts = (n: number, words = 250) =>
  Array.from({ length: n }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, text: essay(i + 1, words) }))

const passageText = (text: string, [s, e]: [number, number]) => text.slice(s, e)

describe('tokenize', () => {
  it('ignores case, punctuation and spacing, and keeps each word’s place in the text', () => {
    const text = "  Hello,   WORLD!\n“Élève” — ng’ombe; Ng'ombe… 2024"
    const t = tokenize(text)
    expect(t.map((x) => x.word)).toEqual(['hello', 'world', 'eleve', 'ngombe', 'ngombe', '2024'])
    expect(t.map((x) => text.slice(x.start, x.end))).toEqual([
      'Hello',
      'WORLD',
      'Élève',
      'ng’ombe',
      "Ng'ombe",
      '2024',
    ])
  })
})

describe('winnowing', () => {
  it('keeps a fraction of the shingles, and any shared run of K + WINDOW - 1 words shares a fingerprint', () => {
    const doc = tokenize(essay(99, 2000)).map((t) => t.word)
    const hashes = shingleHashes(doc)
    const kept = winnow(hashes)
    expect(kept.length / hashes.length).toBeGreaterThan(0.25)
    expect(kept.length / hashes.length).toBeLessThan(0.55)
    const keptSet = new Set(kept.map((p) => hashes[p]))
    const run = K + WINDOW - 1
    for (let start = 0; start + run <= doc.length; start += 37) {
      const piece = shingleHashes(doc.slice(start, start + run))
      expect(winnow(piece).some((p) => keptSet.has(piece[p]))).toBe(true)
    }
  })

  it('gives nothing for a text shorter than a shingle, and one fingerprint for a short one', () => {
    expect(winnow(shingleHashes(['only', 'three', 'words']))).toEqual([])
    expect(winnow(shingleHashes('one two three four five six'.split(' ')))).toHaveLength(1)
  })
})

describe('compareTexts', () => {
  it('finds a paragraph copied into one of twenty unrelated texts, with its passage in each', () => {
    const subs = texts(20)
    const from = subs[3] as { id: string; text: string }
    const to = subs[14] as { id: string; text: string }
    from.text = `${from.text.slice(0, 600)} ${PARAGRAPH} ${from.text.slice(600)}`
    // Copied with different case, spacing and punctuation.
    to.text = `${to.text} ${PARAGRAPH.toUpperCase().replace(/,/g, ' ').replace(/\s+/g, '  ')}`
    const pairs = compareTexts(subs)
    expect(pairs).toHaveLength(1)
    const [pair] = pairs
    expect([pair?.a, pair?.b]).toEqual(['s03', 's14'])
    // 59 copied words in texts of about 310: the copy is all of the match.
    expect(pair?.score).toBeGreaterThan(0.18)
    expect(pair?.passages).toHaveLength(1)
    const p = pair?.passages[0]
    expect(p?.words).toBe(tokenize(PARAGRAPH).length)
    expect(passageText(from.text, p?.a as [number, number])).toContain('Photosynthesis is the process')
    expect(passageText(from.text, p?.a as [number, number])).toContain('all the food on Earth')
    expect(passageText(to.text, p?.b as [number, number])).toMatch(
      /^PHOTOSYNTHESIS {2}IS {2}THE {2}PROCESS.*ON {2}EARTH$/,
    )
  })

  it('scores unrelated work at nothing', () => {
    expect(compareTexts(texts(30, 400))).toEqual([])
  })

  it('finds a copy with a word changed as two passages around the change', () => {
    const subs = texts(5)
    ;(subs[0] as { text: string }).text += ` ${PARAGRAPH}`
    ;(subs[1] as { text: string }).text += ` ${PARAGRAPH.replace('chloroplasts', 'chloroplast cells')}`
    const [pair] = compareTexts(subs)
    expect(pair?.passages).toHaveLength(2)
    expect(pair?.passages.reduce((n, p) => n + p.words, 0)).toBeGreaterThanOrEqual(50)
  })

  it('ignores the instructions everyone pasted, and text most submissions share', () => {
    const instructions =
      'Answer all the questions below in your own words. Explain how the rains affect the harvest in ' +
      'your region and describe two ways farmers can prepare for a drought season.'
    const everyone = texts(20).map((t) => ({ ...t, text: `${instructions}\n\n${t.text}` }))
    expect(compareTexts(everyone)).toEqual([])
    // Pasted by three students only: not common, but it is the assignment's own text.
    const some = texts(20).map((t, i) => (i < 3 ? { ...t, text: `${instructions}\n\n${t.text}` } : t))
    expect(compareTexts(some)).toHaveLength(3)
    expect(compareTexts(some, [], { boilerplate: [instructions] })).toEqual([])
  })

  it('does not stretch a real match over the pasted instructions next to it', () => {
    const instructions =
      'Explain how the rains affect the harvest in your region and describe two ways to prepare.'
    const subs = texts(6).map((t) => ({ ...t, text: `${instructions} ${t.text}` }))
    ;(subs[1] as { text: string }).text = `${instructions} ${PARAGRAPH}`
    ;(subs[2] as { text: string }).text = `${instructions} ${PARAGRAPH} ${essay(77, 200)}`
    const [pair] = compareTexts(subs, [], { boilerplate: [instructions] })
    const text = (subs[1] as { text: string }).text
    expect(passageText(text, pair?.passages[0]?.a as [number, number])).toMatch(/^Photosynthesis/)
    expect(pair?.shareA).toBeGreaterThan(0.7)
    expect(pair?.shareA).toBeLessThan(1)
  })

  it('finds a Kiswahili pair, whatever the case, spacing and punctuation', () => {
    const copied =
      'Mvua za masika zinapochelewa, wakulima wa mahindi na maharagwe hupata hasara kubwa kwa sababu ' +
      'udongo hukauka na mbegu hazioti. Serikali inapaswa kujenga mabwawa ya kuhifadhi maji ili ' +
      'ng’ombe na mashamba yapate maji wakati wa kiangazi.'
    const a = `Katika insha hii nitaeleza athari za ukame. ${copied} Hitimisho langu ni kwamba elimu ni muhimu.`
    const b = `Kwa maoni yangu: ${copied.toUpperCase().replace(/[.,]/g, ' ;')} Asanteni kwa kunisoma.`
    const [pair, ...rest] = compareTexts([
      { id: 'amina', text: a },
      { id: 'baraka', text: b },
      { id: 'other', text: 'Mji wa Mombasa una historia ndefu ya biashara na bandari yake ni kubwa sana.' },
    ])
    expect(rest).toEqual([])
    expect([pair?.a, pair?.b]).toEqual(['amina', 'baraka'])
    expect(pair?.score).toBeGreaterThan(0.6)
    expect(passageText(a, pair?.passages[0]?.a as [number, number])).toBe(copied.slice(0, -1))
  })

  it('compares submissions with sources (lessons) but not sources with each other', () => {
    const subs = texts(8)
    ;(subs[5] as { text: string }).text += ` ${PARAGRAPH}`
    const lessons = [
      { id: 'lesson-1', text: `Plants and light. ${PARAGRAPH} Next we look at respiration.` },
      { id: 'lesson-2', text: `A copy of the same lesson. ${PARAGRAPH}` },
    ]
    const pairs = compareTexts(subs, lessons)
    expect(pairs.map((p) => [p.a, p.b, p.source])).toEqual([
      ['s05', 'lesson-1', true],
      ['s05', 'lesson-2', true],
    ])
    expect(pairs[0]?.score).toBeCloseTo(pairs[0]?.shareA as number)
  })
})
