import { describe, expect, it } from 'vitest'
import { scrubPii } from './ai-pii.ts'

describe('scrubPii', () => {
  it.each([
    ['Call me on 0712345678 please', 'Call me on [phone] please', 'phone'],
    ['my number is +254 712 345 678.', 'my number is [phone].', 'phone'],
    ['254-722-000000 is mum', '[phone] is mum', 'phone'],
    ['try 0110 123 456', 'try [phone]', 'phone'],
    ['office: 020 123 4567', 'office: [phone]', 'phone'],
    ['uk friend +44 20 7946 0958', 'uk friend [phone]', 'phone'],
    ['write to amina.w@example.co.ke', 'write to [email]', 'email'],
    ['my ID 12345678 is lost', 'my ID [id number] is lost', 'id number'],
    ['national id no: 1234567', 'national id no: [id number]', 'id number'],
    ['birth certificate number 123456789', 'birth certificate number [id number]', 'id number'],
    ['namba ya kitambulisho 23456789', 'namba ya kitambulisho [id number]', 'id number'],
    ['P.O. Box 1234-00100 Nairobi', '[address]', 'address'],
    ['S.L.P. 45 Mombasa', '[address]', 'address'],
    ['We are at 12 Moi Avenue now', 'We are at [address] now', 'address'],
    ['my address is plot 7, Kilimani estate. Help me', 'my address is [address]. Help me', 'address'],
    ['I live at Baraka flats near the mosque', 'I live at [address]', 'address'],
    ['House No. 12 is ours', '[address] is ours', 'address'],
  ])('%s', (input, output, kind) => {
    const r = scrubPii(input)
    expect(r.text).toBe(output)
    expect(r.found).toContain(kind)
  })

  it.each([
    'Calculate 12345678 × 2',
    'What is 3x + 4 = 10?',
    'In 1963 Kenya became independent; 1,000,000 people celebrated',
    'Solve 0.5 + 0.25',
    'The year 2024 had 366 days',
  ])('leaves numbers in learning questions: %s', (input) => {
    expect(scrubPii(input)).toEqual({ text: input, found: [] })
  })
})
