import { describe, expect, it } from 'vitest'
import { allowedBy, checkType, servedInline, sniff } from './sniff.ts'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))

describe('sniffing content', () => {
  it('knows images, PDF, zip documents and text by their first bytes', () => {
    expect(sniff(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]))).toBe('image/png')
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniff(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp')
    expect(sniff(bytes('%PDF-1.4'))).toBe('application/pdf')
    expect(sniff(bytes('Habari ya asubuhi'))).toBe('text/plain')
    expect(sniff(bytes('  <!DOCTYPE html><p>'))).toBe('text/html')
    expect(sniff(bytes('<?xml version="1.0"?><svg>'))).toBe('image/svg+xml')
    expect(sniff(bytes([0, 1, 2, 3]))).toBeNull()
  })

  it('takes the type the bytes show, and refuses lies and programs', () => {
    expect(checkType('image/png', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]))).toEqual({
      ok: true,
      type: 'image/png',
    })
    expect(checkType('application/octet-stream', bytes('%PDF-1.4'))).toEqual({
      ok: true,
      type: 'application/pdf',
    })
    expect(checkType('image/png', bytes('%PDF-1.4'))).toEqual({ ok: false, reason: 'mismatch' })
    expect(checkType('text/plain', bytes('<html><script>'))).toEqual({ ok: false, reason: 'mismatch' })
    expect(checkType('application/pdf', bytes('MZ', [0x90, 0]))).toEqual({ ok: false, reason: 'executable' })
    expect(checkType('text/plain', bytes('#!/bin/sh\nrm -rf /'))).toEqual({ ok: false, reason: 'executable' })
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    expect(checkType(docx, bytes('PK', [3, 4]))).toEqual({ ok: true, type: docx })
    expect(checkType('text/plain; charset=UTF-8', bytes('Jambo'))).toEqual({ ok: true, type: 'text/plain' })
  })

  it('lets only inert types show inline, and matches bucket type lists with wildcards', () => {
    expect(servedInline('image/png')).toBe(true)
    expect(servedInline('image/svg+xml')).toBe(false)
    expect(servedInline('text/html')).toBe(false)
    expect(allowedBy(['image/*'], 'image/webp')).toBe(true)
    expect(allowedBy(['image/png'], 'image/jpeg')).toBe(false)
    expect(allowedBy(null, 'anything/at-all')).toBe(true)
  })
})
