// The demo school's lesson texts: `npm start` writes them into the lessons supabase/seed.sql creates,
// right after the seed, on a fresh data directory. SQL alone cannot do it: a lesson's draft is a Yjs
// document. Each draft is built as the web editor builds it — ProseMirror JSON in the editor's
// Tiptap schema, written into the `content` fragment by y-prosemirror's own updateYFragment (what
// the Collaboration extension runs on every edit) — and stored as the draft's snapshot. Each
// published version is the draft as it stood then, rendered by the API's renderer
// (edge/api/courses/lesson-render.ts) exactly as POST /lessons/:id/publish stores it.
import { getSchema } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { updateYFragment } from '@tiptap/y-tiptap'
import type postgres from 'postgres'
import * as Y from 'yjs'
import { type PmMark, type PmNode, renderLessonDoc } from '../../edge/api/courses/lesson-render.ts'
import { LESSON_FRAGMENT } from '../../edge/contract/courses-values.ts'

// Section: the editor's schema and lesson documents

/** The schema of web/src/features/lessons/components/LessonEditor.tsx (its nodes and marks; Collaboration adds none). */
export const editorSchema = getSchema([
  StarterKit.configure({ undoRedo: false, heading: { levels: [1, 2, 3] } }),
  Image.configure({ allowBase64: false }),
  TableKit.configure({ table: { resizable: false } }),
])

/** A moment of the demo's history: `day` days from today (negative: ago), at `time` on the school's clock. */
export interface When {
  day: number
  time: string
}

/** One editing session of a lesson: the body it left, and the version note if it was then published. */
export interface LessonEdit {
  at: When
  content: PmNode[]
  publish?: { note: string }
}

export interface DemoLesson {
  id: string
  /** In order; the last one is the draft as it is now. */
  edits: LessonEdit[]
}

export interface BuiltVersion {
  at: When
  note: string
  html: string
  text: string
  state: Uint8Array
}

export interface BuiltLesson {
  /** The draft's whole Yjs state (what lesson_docs.state holds after a compaction). */
  state: Uint8Array
  editedAt: When
  versions: BuiltVersion[]
}

/**
 * Plays a lesson's edits into one Y.Doc, each as the editor would write it (updateYFragment diffs the
 * new body against the fragment), and renders the doc at every publish. Throws when a body does
 * not fit the editor's schema.
 */
export function buildLesson(edits: readonly LessonEdit[]): BuiltLesson {
  const last = edits.at(-1)
  if (!last) throw new Error('A lesson needs at least one edit.')
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(LESSON_FRAGMENT)
  const versions: BuiltVersion[] = []
  try {
    for (const edit of edits) {
      const body = editorSchema.nodeFromJSON({ type: 'doc', content: edit.content })
      body.check()
      updateYFragment(doc, fragment, body, { mapping: new Map(), isOMark: new Map() })
      if (edit.publish) {
        const rendered = renderLessonDoc(doc)
        if (rendered.empty) throw new Error('An empty lesson cannot be published.')
        versions.push({
          at: edit.at,
          note: edit.publish.note,
          html: rendered.html,
          text: rendered.text,
          state: Y.encodeStateAsUpdate(doc),
        })
      }
    }
    return { state: Y.encodeStateAsUpdate(doc), editedAt: last.at, versions }
  } finally {
    doc.destroy()
  }
}

// Section: writing lessons in short

const BOLD: PmMark = { type: 'bold' }
const ITALIC: PmMark = { type: 'italic' }

/** Inline text with **bold** and *italic* runs, as ProseMirror text nodes. */
export function inline(source: string): PmNode[] {
  const out: PmNode[] = []
  for (const part of source.split(/(\*\*[^*]+\*\*|\*[^*]+\*)/)) {
    if (part === '') continue
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
      out.push({ type: 'text', text: part.slice(2, -2), marks: [BOLD] })
    else if (part.startsWith('*') && part.endsWith('*') && part.length > 2)
      out.push({ type: 'text', text: part.slice(1, -1), marks: [ITALIC] })
    else out.push({ type: 'text', text: part })
  }
  return out
}

const p = (text: string): PmNode => ({ type: 'paragraph', content: inline(text) })
const h2 = (text: string): PmNode => ({ type: 'heading', attrs: { level: 2 }, content: inline(text) })
const h3 = (text: string): PmNode => ({ type: 'heading', attrs: { level: 3 }, content: inline(text) })
const item = (text: string): PmNode => ({ type: 'listItem', content: [p(text)] })
const ul = (...items: string[]): PmNode => ({ type: 'bulletList', content: items.map(item) })
const ol = (...items: string[]): PmNode => ({ type: 'orderedList', content: items.map(item) })
const quote = (...paragraphs: string[]): PmNode => ({ type: 'blockquote', content: paragraphs.map(p) })
/** A table whose first row is its header. */
const table = (header: string[], ...rows: string[][]): PmNode => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((c) => ({ type: 'tableHeader', content: [p(c)] })) },
    ...rows.map((row) => ({
      type: 'tableRow',
      content: row.map((c) => ({ type: 'tableCell', content: [p(c)] })),
    })),
  ],
})

const at = (day: number, time: string): When => ({ day, time })
const lessonId = (n: number) => `42000000-0000-4000-a000-${String(n).padStart(12, '0')}`

// Section: Grade 7 Integrated Science (Grace Njeri)

const scienceIntro: PmNode[] = [
  h2('Science in everyday life'),
  p(
    'Every day you use science without noticing it. When your mother adds salt to a pot of *githeri*, when a farmer waits for the long rains before planting, or when you charge a phone with a small solar panel, people are using what scientists have found out about the world.',
  ),
  p('**Integrated Science** brings together three sciences that you will meet again in Senior School:'),
  ul(
    '**Biology**: the study of living things, such as plants, animals and the human body.',
    '**Chemistry**: the study of substances, what they are made of and how they change.',
    '**Physics**: the study of forces and energy, such as movement, heat, light, sound and electricity.',
  ),
  h2('How scientists work'),
  p(
    'Scientists do not only read about the world; they ask questions and test their ideas. This way of working is called a **scientific investigation**. Most investigations follow the same steps:',
  ),
  ol(
    'Ask a question that you can test, for example: *Does a bean seed need light to germinate?*',
    'Make a prediction of what you think will happen (a hypothesis).',
    'Plan a fair test: change only one thing and keep everything else the same.',
    'Carry out the test carefully and record what you observe.',
    'Draw a conclusion and share it with others.',
  ),
  h3('Activity'),
  p(
    'Place three bean seeds on wet cotton wool in a dish near a window, and three more in a dish inside a closed cupboard. Keep the cotton wool wet. Look at both dishes every morning for five days and record what you see in a table. Which seeds germinated? What was the one thing you changed?',
  ),
]

const labRules = [
  h2('Why safety rules matter'),
  p(
    'A school laboratory has equipment and substances that are useful but can hurt you if they are used carelessly: glassware breaks, burners get very hot and some chemicals burn the skin. Following the safety rules protects you, your classmates and the equipment.',
  ),
  h2('Rules to follow in the laboratory'),
  ol(
    'Enter the laboratory only when a teacher is present.',
    'Never eat, drink or taste anything in the laboratory.',
    'Tie back long hair and keep your bag away from the benches.',
    'Read the instructions before you start, and follow them step by step.',
    'Report every accident, spill or broken glass to your teacher at once, however small.',
    'Wash your hands with soap and water before you leave.',
  ),
  p(
    'If a chemical gets on your skin or in your eyes, rinse it with plenty of clean running water for several minutes and tell your teacher immediately.',
  ),
]

const hazardSymbols = [
  h2('Warning signs'),
  p(
    'Containers of dangerous substances carry **hazard symbols**, so that anyone can see the danger without reading a long label. Learn these four first:',
  ),
  ul(
    '**Flammable** (a flame): catches fire easily, for example methylated spirit. Keep it away from burners.',
    '**Corrosive** (liquid eating into a hand and a surface): burns the skin and damages materials, for example concentrated acids.',
    '**Toxic** (a skull and crossbones): poisonous if swallowed, breathed in or absorbed through the skin.',
    '**Harmful or irritant** (an exclamation mark): can make the skin itchy or red, or make you feel unwell.',
  ),
]

const theCell = [
  h2('What is a cell?'),
  p(
    'All living things are made of **cells**. A cell is the smallest unit of a living thing that can carry out the processes of life: feeding, respiration, growth, excretion and reproduction. Some organisms, such as amoeba, are made of only one cell. Others, such as a mango tree or a human being, are made of millions of cells working together.',
  ),
  p(
    'Most cells are too small to see with the naked eye. To see them we use a **light microscope**, which can make an object look hundreds of times larger.',
  ),
  h2('Parts of a cell'),
  p('Cells come in many shapes and sizes, but most of them have these parts:'),
  ul(
    '**Cell membrane**: a thin layer around the cell that controls what enters and leaves it.',
    "**Cytoplasm**: a jelly-like fluid where most of the cell's work takes place.",
    '**Nucleus**: controls the activities of the cell and carries the information passed on from parents to their young.',
    '**Mitochondria**: where food is broken down to release energy (respiration).',
  ),
  h3('Activity'),
  p(
    'In the school laboratory, place a thin layer of onion skin in a drop of iodine solution on a glass slide and look at it under the microscope. Draw three of the cells you see and label the parts you can identify. If there is no microscope, use the diagram in your textbook.',
  ),
]

const plantAndAnimalCells = [
  h2('Alike, but not the same'),
  p(
    'Plant cells and animal cells both have a cell membrane, cytoplasm, a nucleus and mitochondria. Plant cells also have three parts that animal cells do not have:',
  ),
  ul(
    '**Cell wall**: a firm layer of cellulose outside the cell membrane. It gives the cell a fixed shape and supports the plant.',
    '**Chloroplasts**: contain the green pigment chlorophyll, which traps light energy to make food by photosynthesis.',
    '**A large central vacuole**: a space filled with cell sap that keeps the cell firm.',
  ),
  h2('How to tell them apart'),
  table(
    ['Feature', 'Plant cell', 'Animal cell'],
    ['Cell wall', 'Present', 'Absent'],
    ['Chloroplasts', 'Present in the green parts', 'Absent'],
    ['Vacuole', 'One large central vacuole', 'Small vacuoles, if any'],
    ['Shape', 'Regular, often box-like', 'Irregular, often round'],
  ),
  p(
    'Remember: the *cell wall* and the *cell membrane* are different parts. Every cell has a membrane; only plant cells (and a few others, such as fungi and bacteria) also have a wall around it.',
  ),
  h3('Activity'),
  p(
    'Draw a plant cell and an animal cell side by side. Label the parts that both have in one colour, and the parts found only in the plant cell in another colour.',
  ),
]

const specialisedCellsDraft = [
  h2('Cells with special jobs'),
  p(
    'In an organism made of many cells, the cells are not all the same. Groups of cells take on special jobs, and the shape of each cell suits the job it does. These are called **specialised cells**.',
  ),
  h3('Examples'),
  ul(
    '**Root hair cell**: long and thin, to take in water and mineral salts from the soil.',
    '**Red blood cell**: has no nucleus, so there is more room to carry oxygen.',
    '**Nerve cell**: has long fibres that carry messages around the body.',
  ),
  p('*Still to add: a labelled diagram of each cell, and a matching activity (each cell and its job).*'),
]

// Section: Grade 6 Mathematics (David Kamau)

const placeValue = [
  h2('Reading large numbers'),
  p(
    'In the 2019 census, Kenya had **47,564,296** people. To read a number this large, we need the **place value** of each digit: the value it has because of its position in the number.',
  ),
  ul(
    '4 is in the ten millions place: its value is 40,000,000.',
    '7 is in the millions place: 7,000,000.',
    '5 is in the hundred thousands place: 500,000.',
    '6 is in the ten thousands place: 60,000.',
    '4 is in the thousands place: 4,000.',
    '2 is in the hundreds place: 200.',
    '9 is in the tens place: 90.',
    '6 is in the ones place: 6.',
  ),
  p('In words: *forty-seven million, five hundred and sixty-four thousand, two hundred and ninety-six*.'),
  h2('Writing numbers in figures'),
  p(
    'Group the digits in threes from the right. Read each group followed by its name (million, thousand), and use a zero for every place that is empty.',
  ),
  h3('Worked example'),
  p('Write *three million, eight hundred and five thousand and forty* in figures.'),
  ol(
    'Millions: 3',
    'Thousands: 805',
    'Hundreds, tens and ones: 040 (the zero holds the hundreds place)',
    'Answer: **3,805,040**',
  ),
  h3('Practice'),
  ol(
    'Write 6,090,318 in words.',
    'What is the value of the digit 9 in 2,957,004?',
    'Write *twelve million, four hundred thousand and seven* in figures.',
  ),
]

const fractions = [
  h2('Fractions with the same denominator'),
  p(
    'When the denominators are the same, add or subtract the numerators and keep the denominator. For example, 2/7 + 3/7 = 5/7, and 5/9 − 1/9 = 4/9.',
  ),
  h2('Fractions with different denominators'),
  p(
    'First make the denominators the same. Find the **lowest common multiple (LCM)** of the denominators, then write each fraction as an equivalent fraction with the LCM as its denominator.',
  ),
  h3('Worked example'),
  p(
    'Amina ate 1/3 of a chapati and Juma ate 1/4 of the same chapati. What fraction of the chapati did they eat altogether?',
  ),
  ol(
    'The LCM of 3 and 4 is 12.',
    '1/3 = 4/12 and 1/4 = 3/12.',
    '4/12 + 3/12 = 7/12.',
    'Together they ate **7/12** of the chapati, so 5/12 of it is left.',
  ),
  h2('Mixed numbers'),
  p(
    'To add mixed numbers, add the whole numbers and the fractions separately, then put them together: 2 1/2 + 1 1/3 = 3 + 3/6 + 2/6 = **3 5/6**.',
  ),
  h3('Practice'),
  ol(
    '3/8 + 1/8',
    '5/6 − 1/4',
    '1 2/5 + 2 1/2',
    'A farmer planted maize on 3/5 of his land and beans on 1/4 of it. What fraction of the land is left?',
  ),
]

const profitAndLoss = [
  h2('Buying and selling'),
  p('A trader buys goods at the **buying price** and sells them at the **selling price**.'),
  ul(
    'If the selling price is more than the buying price, the trader makes a **profit**: profit = selling price − buying price.',
    'If the selling price is less than the buying price, the trader makes a **loss**: loss = buying price − selling price.',
  ),
  h3('Worked example 1'),
  p(
    'Mama Wanjiku bought a tray of 30 eggs for KES 390 and sold each egg for KES 15. Did she make a profit or a loss, and how much?',
  ),
  ol(
    'She sold 30 eggs for 30 × 15 = KES 450.',
    'KES 450 is more than KES 390, so she made a profit.',
    'Profit = 450 − 390 = **KES 60**.',
  ),
  h3('Worked example 2'),
  p(
    'Otieno bought a bicycle for KES 6,500 and sold it a year later for KES 5,800. He made a loss of 6,500 − 5,800 = **KES 700**.',
  ),
  h3('Practice'),
  ol(
    'A shopkeeper bought a 2 kg packet of sugar for KES 290 and sold it for KES 320. Find the profit.',
    'Baraka bought 12 exercise books at KES 45 each and sold all of them for KES 600. Did he make a profit or a loss, and how much?',
    'A radio bought for KES 2,450 was sold at a loss of KES 380. What was the selling price?',
  ),
]

const twentyFourHourClock = [
  h2('Why use the 24-hour clock?'),
  p(
    'Bus and train timetables, tickets and phones often show the time in the **24-hour clock**. It counts the hours of the day from 0 to 23, so there is no need for a.m. and p.m.',
  ),
  ul(
    'From midnight to noon, the hours stay the same: 7:30 a.m. is 07:30 (also written 0730 h).',
    'After noon, add 12 to the hours: 3:45 p.m. is 15:45.',
    'Midnight is 00:00 and noon is 12:00.',
  ),
  h3('Worked example'),
  p('A bus leaves Nairobi at 08:45 and arrives in Kisumu at 15:20. How long is the journey?'),
  ol(
    'From 08:45 to 09:00 is 15 minutes.',
    'From 09:00 to 15:00 is 6 hours.',
    'From 15:00 to 15:20 is 20 minutes.',
    'The journey takes **6 hours 35 minutes**.',
  ),
  h3('Practice'),
  ol(
    'Write 9:15 p.m. in the 24-hour clock.',
    'Write 04:50 in the 12-hour clock.',
    'A football match started at 16:30 and lasted 1 hour 50 minutes. At what time did it end?',
  ),
]

// Section: Kiswahili: Insha (David Kamau)

const sehemuZaInsha = [
  h2('Insha ni nini?'),
  p(
    '**Insha** ni maandishi yanayoeleza wazo, tukio au jambo fulani kwa mpangilio mzuri wa aya. Insha bora humvutia msomaji tangu mwanzo hadi mwisho, na hutumia lugha sahihi na ya kuvutia.',
  ),
  h2('Sehemu kuu za insha'),
  p('Kila insha ina sehemu hizi:'),
  ol(
    '**Kichwa**: jina fupi linaloonyesha insha inahusu nini. Huandikwa kwa herufi kubwa na kupigiwa mstari.',
    '**Utangulizi**: aya ya kwanza. Humvuta msomaji na kumwonyesha insha itazungumzia nini. Unaweza kuanza kwa methali, swali au maelezo mafupi ya mandhari.',
    '**Kiini**: aya kadhaa zinazoeleza hoja au matukio. Kila aya iwe na wazo moja kuu.',
    '**Hitimisho**: aya ya mwisho. Hufunga insha kwa muhtasari, funzo au methali inayolingana na maudhui.',
  ),
  h2('Vidokezo vya insha bora'),
  ul(
    'Panga mawazo yako kabla ya kuanza kuandika.',
    'Tumia lugha sahihi: zingatia sarufi, tahajia na alama za uakifishaji.',
    'Epuka kurudia maneno yale yale.',
    'Andika kwa mwandiko unaosomeka.',
  ),
  h3('Zoezi'),
  p(
    'Andika utangulizi wa insha yenye kichwa *SIKU YA MICHEZO SHULENI KWETU*. Utangulizi wako uwe na sentensi zisizozidi tano.',
  ),
]

const methaliNaNahau = [
  h2('Kwa nini tutumie methali?'),
  p(
    '**Methali** ni semi fupi zenye mafunzo au hekima ya jamii. Zikitumiwa mahali panapofaa, huipamba insha na kuonyesha kwamba mwandishi anaifahamu lugha vizuri. Hata hivyo, usitumie methali nyingi mno katika insha moja: methali moja au mbili zilizochaguliwa vizuri zinatosha.',
  ),
  h3('Mifano ya methali na maana zake'),
  ul(
    '*Haba na haba hujaza kibaba*: kidogo kidogo huwa kingi; bidii ndogo za kila siku huleta mafanikio makubwa.',
    '*Mchelea mwana kulia hulia yeye*: mzazi asiyemwonya mtoto wake atajuta baadaye.',
    '*Asiyesikia la mkuu huvunjika guu*: anayekataa ushauri wa wakubwa hupata matatizo.',
    '*Subira huvuta heri*: mtu mvumilivu hupata mema mwishowe.',
  ),
  h2('Nahau'),
  p('**Nahau** ni kifungu cha maneno chenye maana tofauti na maana ya kawaida ya maneno yake. Kwa mfano:'),
  ul(
    '*kupiga moyo konde*: kujipa moyo; kuvumilia.',
    '*kuvunjika moyo*: kukata tamaa.',
    '*kutia chumvi*: kuongeza mambo yasiyokuwepo katika habari; kuzidisha.',
    '*kupiga domo*: kuzungumza sana; kupiga soga.',
  ),
  h3('Mfano katika insha'),
  quote(
    'Tulipoona mvua kubwa ikinyesha asubuhi ya siku ya michezo, wengi wetu tulivunjika moyo. Hata hivyo, mwalimu wetu alituhimiza tupige moyo konde na tusubiri. Mvua ilipokatika saa nne, michezo ilianza, nasi tukaona ukweli wa methali isemayo *subira huvuta heri*.',
  ),
  h3('Zoezi'),
  p(
    'Andika aya moja kuhusu siku uliyofanya kazi kwa bidii, ukitumia methali moja na nahau moja kutoka katika somo hili.',
  ),
]

const inshaYaMasimulizi = [
  h2('Insha ya masimulizi ni nini?'),
  p(
    'Insha ya masimulizi husimulia tukio au kisa kwa mpangilio wa wakati: kilichotokea kwanza, kilichofuata na jinsi kilivyoisha. Mara nyingi huandikwa katika wakati uliopita, na mwandishi anaweza kusimulia kama mhusika (nafsi ya kwanza) au kama mtazamaji (nafsi ya tatu).',
  ),
  h2('Mambo ya kuzingatia'),
  ul(
    'Anza kwa utangulizi unaomvuta msomaji, kwa mfano kwa methali au kwa kueleza mandhari ya tukio.',
    'Tumia viunganishi vya wakati kama vile *kwanza*, *baadaye*, *ghafla*, *hatimaye* na *mwishowe*.',
    'Eleza hisia za wahusika ili msomaji ahisi yuko pamoja nao.',
    'Tumia mazungumzo machache kuonyesha jinsi wahusika wanavyoongea.',
    'Malizia kwa funzo au methali inayolingana na kisa.',
  ),
  h3('Mfano wa utangulizi'),
  quote(
    'Wahenga walinena, *usipoziba ufa utajenga ukuta*. Sikuelewa maana ya methali hii hadi siku ile paa la darasa letu lilipoezuliwa na upepo mkali. Mabati mawili yaliyokuwa yamelegea yalikuwa yamepuuzwa kwa miezi kadhaa.',
  ),
  h3('Zoezi'),
  p('Andika insha ya masimulizi isiyopungua maneno 250 yenye kichwa *SIKU NISIYOWEZA KUISAHAU*.'),
]

const baruaRasmiDraft = [
  h2('Barua rasmi'),
  p(
    'Barua rasmi huandikiwa mtu au ofisi kwa shughuli maalum, kwa mfano kuomba nafasi ya kazi, kutoa malalamiko au kumwalika mgeni shuleni. Lugha yake ni ya heshima na huenda moja kwa moja kwenye lengo.',
  ),
  h3('Muundo wa barua rasmi'),
  ol(
    'Anwani ya mwandishi na tarehe (upande wa kulia, juu).',
    'Anwani ya mwandikiwa (upande wa kushoto).',
    'Mtajo, kwa mfano: *Bwana Meneja,*',
    'Kichwa cha barua, kwa mfano: *YAH: OMBI LA KUTEMBELEA KIWANDA CHA CHAI*',
    'Mwili wa barua.',
    'Hitimisho: *Wako mtiifu,* sahihi na jina kamili.',
  ),
  p('*Bado kuongeza: mfano kamili wa barua ya kuomba ruhusa ya kutembelea kiwanda, pamoja na zoezi.*'),
]

// Section: the lessons

/** The lessons of supabase/seed.sql and their history: eleven published (one twice), two drafts being written. */
export const DEMO_LESSONS: readonly DemoLesson[] = [
  { id: lessonId(1), edits: [{ at: at(-21, '18:40'), content: scienceIntro, publish: { note: '' } }] },
  {
    id: lessonId(2),
    edits: [
      { at: at(-21, '19:05'), content: [...labRules, ...activityPoster(false)], publish: { note: '' } },
      {
        at: at(-9, '20:15'),
        content: [...labRules, ...hazardSymbols, ...activityPoster(true)],
        publish: { note: 'Added the hazard symbols' },
      },
    ],
  },
  { id: lessonId(3), edits: [{ at: at(-14, '17:30'), content: theCell, publish: { note: '' } }] },
  {
    id: lessonId(4),
    edits: [
      {
        at: at(-7, '18:10'),
        content: plantAndAnimalCells,
        publish: { note: 'Ready for the revision session' },
      },
    ],
  },
  { id: lessonId(5), edits: [{ at: at(-1, '21:05'), content: specialisedCellsDraft }] },
  { id: lessonId(6), edits: [{ at: at(-19, '16:45'), content: placeValue, publish: { note: '' } }] },
  { id: lessonId(7), edits: [{ at: at(-15, '16:20'), content: fractions, publish: { note: '' } }] },
  { id: lessonId(8), edits: [{ at: at(-10, '17:00'), content: profitAndLoss, publish: { note: '' } }] },
  { id: lessonId(9), edits: [{ at: at(-4, '16:35'), content: twentyFourHourClock, publish: { note: '' } }] },
  { id: lessonId(10), edits: [{ at: at(-18, '19:30'), content: sehemuZaInsha, publish: { note: '' } }] },
  { id: lessonId(11), edits: [{ at: at(-11, '19:10'), content: methaliNaNahau, publish: { note: '' } }] },
  { id: lessonId(12), edits: [{ at: at(-5, '20:00'), content: inshaYaMasimulizi, publish: { note: '' } }] },
  { id: lessonId(13), edits: [{ at: at(-2, '21:40'), content: baruaRasmiDraft }] },
]

function activityPoster(withSymbols: boolean): PmNode[] {
  return [
    h3('Activity'),
    p(
      `Draw a poster of five laboratory rules for your classroom wall. Next to each rule, write what could happen if someone broke it.${withSymbols ? ' Add two of the hazard symbols to your poster.' : ''}`,
    ),
  ]
}

// Section: writing them to the database

/** Africa/Nairobi, the demo school's time zone (supabase/seed.sql). */
const ZONE = 'Africa/Nairobi'

/**
 * Writes the drafts and published versions of the demo lessons, as their authors (auth.uid() for
 * the audit entries). Only lessons that exist and have no draft and no version yet are written, so
 * running it again changes nothing. Returns how many lessons it wrote.
 */
export async function seedDemoContent(sql: postgres.Sql): Promise<number> {
  return sql.begin(async (tx) => {
    let written = 0
    const moment = (w: When) =>
      tx`(date_trunc('day', now() at time zone ${ZONE}) + make_interval(days => ${w.day}::int) + ${w.time}::time)
          at time zone ${ZONE}`
    for (const lesson of DEMO_LESSONS) {
      const [row] = await tx<{ title: string; author: string | null }[]>`
        select l.title, l.created_by as author from public.lessons l
        where l.id = ${lesson.id}
          and not exists (select 1 from public.lesson_docs d where d.lesson_id = l.id)
          and not exists (select 1 from public.lesson_doc_updates u where u.lesson_id = l.id)
          and not exists (select 1 from public.lesson_versions v where v.lesson_id = l.id)`
      if (!row) continue
      const built = buildLesson(lesson.edits)
      await tx`select set_config('request.jwt.claim.sub', ${row.author ?? ''}, true)`
      await tx`
        insert into public.lesson_docs (lesson_id, state, compacted_through, updated_at)
        values (${lesson.id}, ${built.state}, 0, ${moment(built.editedAt)})`
      for (const v of built.versions) {
        // As POST /lessons/:id/publish inserts it; the trigger numbers it and stamps now(), and the
        // demo's versions were published over the past weeks.
        const [version] = await tx<{ version: number }[]>`
          insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, note, published_by)
          values (${lesson.id}, 0, ${row.title}, ${v.html}, ${v.text}, ${v.state}, ${v.note}, ${row.author})
          returning version`
        await tx`
          update public.lesson_versions set published_at = ${moment(v.at)}
          where lesson_id = ${lesson.id} and version = ${version?.version ?? 0}`
      }
      written++
    }
    await tx`select set_config('request.jwt.claim.sub', '', true)`
    return written
  })
}
