import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/** JSX attributes that hold text people read (a literal there must come from a catalogue instead). */
const TEXT_ATTRIBUTES = new Set([
  'label',
  'title',
  'aria-label',
  'aria-description',
  'description',
  'submitLabel',
  'confirmLabel',
  'cancelLabel',
  'placeholder',
  'text',
  'subtitle',
  'otherLabel',
  'empty',
  'fallback',
  'docTitle',
  'alt',
  'hint',
  'heading',
  'message',
])

/** Words that are the same in every language: the product's name and the languages' own names. */
const UNTRANSLATED = /^(Kipindi|English|Kiswahili|M-Pesa|Stripe|LiveKit|BTEC|CBC|OK)$/

const root = join(import.meta.dirname, '..', '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [path] : []
  })
}

const readable = (text: string) => /\p{L}{2,}/u.test(text) && !UNTRANSLATED.test(text.trim())

/** Literal text in JSX (children and text attributes) of one file, as "line: text". */
function rawStrings(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  )
  const found: string[] = []
  const report = (node: ts.Node, text: string) =>
    found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`)
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && readable(node.getText())) report(node, node.getText())
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText())) {
      const value = node.initializer
      const literal =
        value && ts.isStringLiteral(value)
          ? value
          : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression)
            ? value.expression
            : undefined
      if (literal && readable(literal.text)) report(node, `${node.name.getText()}="${literal.text}"`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('the web app has no untranslated text in its JSX', () => {
  for (const file of sourceFiles(root)) {
    it(relative(root, file), () => {
      expect(rawStrings(file), 'move these strings to the feature messages.ts (en + sw)').toEqual([])
    })
  }
})
