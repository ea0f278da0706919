import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createOcrEngine, imageInfo, MAX_PIXELS, MODEL, modelDir, OcrInputError } from './ocr-engine.ts'

// OCR of the fixture page (test/fixtures/ocr: README.md says how it was made): a printed question
// paper and handwriting-like answers, read by the real tesseract worker with the installed model.
const fixtures = path.join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'ocr')
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(fixtures, name)))
const [printed, handwriting] = readFileSync(path.join(fixtures, 'script.txt'), 'utf8').trimEnd().split('\n\n')

/** Measured with MODEL on script.png (README.md): printed 1.000, handwriting-like 0.822 (whole page 0.928). */
const PRINTED_AT_LEAST = 0.97
const HANDWRITING_AT_LEAST = 0.75

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]
}

/** 1 − edit distance / expected length, over the texts with runs of white space made one space. */
function characterAccuracy(got: string, want: string): number {
  const plain = (s: string) => s.replace(/\s+/g, ' ').trim()
  return 1 - levenshtein(plain(got), plain(want)) / plain(want).length
}

const png = (width: number, height: number) => {
  const b = new Uint8Array(33)
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  new DataView(b.buffer).setUint32(16, width)
  new DataView(b.buffer).setUint32(20, height)
  return b
}

describe('imageInfo', () => {
  it('reads the type and size of PNG, JPEG and WebP from their first bytes', () => {
    expect(imageInfo(fixture('script.png'))).toEqual({ type: 'image/png', width: 1240, height: 640 })
    expect(imageInfo(fixture('line.jpg'))).toMatchObject({ type: 'image/jpeg', height: 41 })
    expect(imageInfo(fixture('line.webp'))).toEqual({ ...imageInfo(fixture('line.jpg')), type: 'image/webp' })
  })

  it('refuses other types, damaged images and images past the limits, saying why', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        imageInfo(bytes)
        return 'read'
      } catch (error) {
        expect(error).toBeInstanceOf(OcrInputError)
        return (error as Error).message
      }
    }
    expect(refusal(new TextEncoder().encode('%PDF-1.7\n'))).toMatch(/JPEG, PNG or WebP/)
    expect(refusal(new TextEncoder().encode('GIF89a......'))).toMatch(/JPEG, PNG or WebP/)
    expect(refusal(new Uint8Array())).toMatch(/JPEG, PNG or WebP/)
    expect(refusal(fixture('line.jpg').subarray(0, 20))).toMatch(/damaged/)
    expect(refusal(png(10_000, 10_000))).toMatch(`up to ${MAX_PIXELS / 1e6} megapixels`)
    expect(refusal(png(20_000, 100))).toMatch(/pixels a side/)
    expect(refusal(png(8000, 6000))).toBe('read')
    expect(refusal(new Uint8Array(21 * 1024 * 1024))).toMatch(/up to 20 MiB/)
  })
})

describe('the OCR engine', () => {
  const engine = createOcrEngine()
  afterAll(() => engine.stop())

  it(`reads the printed and the handwriting-like parts of the fixture (${MODEL}, no download)`, async () => {
    const started = Date.now()
    const { text, confidence } = await engine.recognize(fixture('script.png'))
    const lines = text.split('\n').filter((l) => l.trim() !== '')
    const printedLines = printed.split('\n').length
    const got = {
      printed: lines.slice(0, printedLines).join('\n'),
      handwriting: lines.slice(printedLines).join('\n'),
    }
    const accuracy = {
      printed: characterAccuracy(got.printed, printed),
      handwriting: characterAccuracy(got.handwriting, handwriting),
      all: characterAccuracy(text, `${printed}\n${handwriting}`),
    }
    console.log(
      `OCR accuracy (${MODEL}): printed ${accuracy.printed.toFixed(3)}, handwriting-like ` +
        `${accuracy.handwriting.toFixed(3)}, whole page ${accuracy.all.toFixed(3)}; confidence ${confidence}; ` +
        `${Date.now() - started} ms with the worker's start`,
    )
    expect(accuracy.printed).toBeGreaterThanOrEqual(PRINTED_AT_LEAST)
    expect(accuracy.handwriting).toBeGreaterThanOrEqual(HANDWRITING_AT_LEAST)
    expect(confidence).toBeGreaterThan(0)
    expect(confidence).toBeLessThanOrEqual(100)
  })

  it('reads JPEG and WebP, several calls at once, in the order asked', async () => {
    const [jpeg, webp, again] = await Promise.all([
      engine.recognize(fixture('line.jpg')),
      engine.recognize(fixture('line.webp')),
      engine.recognize(fixture('line.jpg')),
    ])
    const want = printed.split('\n')[0]
    expect(characterAccuracy(jpeg.text, want)).toBeGreaterThan(0.95)
    expect(characterAccuracy(webp.text, want)).toBeGreaterThan(0.95)
    expect(again).toEqual(jpeg)
  })

  it('refuses what it does not read before starting anything', async () => {
    await expect(engine.recognize(new TextEncoder().encode('%PDF-1.7'))).rejects.toThrow(OcrInputError)
  })

  it('refuses calls waiting when it stops, and starts a new worker for the next one', async () => {
    const waiting = engine.recognize(fixture('script.png'))
    await engine.stop()
    await expect(waiting).rejects.toThrow(/OCR stopped/)
    const after = await engine.recognize(fixture('line.jpg'))
    expect(characterAccuracy(after.text, printed.split('\n')[0])).toBeGreaterThan(0.95)
  })

  it('takes its model from node_modules and writes no cache beside the process', () => {
    expect(existsSync(path.join(modelDir(), 'eng.traineddata.gz'))).toBe(true)
    expect(modelDir()).toContain(path.join('node_modules', '@tesseract.js-data', 'eng', '4.0.0_best_int'))
    expect(existsSync(path.join(process.cwd(), 'eng.traineddata'))).toBe(false)
  })
})
