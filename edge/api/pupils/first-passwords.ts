import { bcrypt } from 'hash-wasm'

// First passwords of pupil accounts: two short Kiswahili words and three digits ("twiga-mvua-407"),
// which a child reads off the class sheet and types, and which meet the password policy (a letter,
// a digit, 8 or more characters). About 23 bits: enough for a password that works until the first
// sign-in, with sign-in failures limited per account (edge/auth/README.md, "Rate limits").

const WORDS = [
  'simba',
  'tembo',
  'twiga',
  'chui',
  'fisi',
  'nyati',
  'punda',
  'kiboko',
  'nyani',
  'sungura',
  'kobe',
  'kuku',
  'bata',
  'mbuzi',
  'kondoo',
  'ngamia',
  'paka',
  'mbwa',
  'samaki',
  'ndege',
  'nyuki',
  'kipepeo',
  'jua',
  'mwezi',
  'nyota',
  'mvua',
  'upepo',
  'wingu',
  'mto',
  'ziwa',
  'bahari',
  'mlima',
  'mti',
  'ua',
  'jani',
  'nyasi',
  'maji',
  'moto',
  'jiwe',
  'mchanga',
  'embe',
  'ndizi',
  'nanasi',
  'papai',
  'chungwa',
  'nazi',
  'mahindi',
  'wali',
  'chai',
  'maziwa',
  'asali',
  'mkate',
  'kikombe',
  'kalamu',
  'kitabu',
  'daftari',
  'meza',
  'kiti',
  'mlango',
  'dirisha',
  'nyumba',
  'shule',
  'darasa',
  'mpira',
  'ngoma',
  'zawadi',
  'rafiki',
  'furaha',
  'amani',
  'nuru',
  'rangi',
  'kijani',
  'njano',
  'pembe',
  'kofia',
  'kiatu',
  'saa',
  'taa',
  'barua',
  'basi',
  'gari',
  'ndoo',
  'kijiko',
  'sahani',
  'uzi',
  'sindano',
  'kamba',
  'ngazi',
  'dawati',
  'ramani',
  'hadithi',
  'wimbo',
  'bustani',
  'shamba',
  'soko',
  'njia',
] as const

/** An unbiased random integer in [0, n). */
function randomBelow(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n
  for (;;) {
    const [x] = crypto.getRandomValues(new Uint32Array(1))
    if ((x as number) < limit) return (x as number) % n
  }
}

/** A fresh first password, e.g. "twiga-mvua-407". */
export function firstPassword(): string {
  const word = () => WORDS[randomBelow(WORDS.length)] as string
  return `${word()}-${word()}-${String(randomBelow(1000)).padStart(3, '0')}`
}

/** bcrypt `$2a$`, cost 10: the hash local auth (edge/auth/passwords.ts) and GoTrue keep in auth.users. */
export function hashFirstPassword(password: string): Promise<string> {
  return bcrypt({
    password,
    salt: crypto.getRandomValues(new Uint8Array(16)),
    costFactor: 10,
    outputType: 'encoded',
  })
}

/** The number of words first passwords are made from (for the tests). */
export const WORD_COUNT = WORDS.length
