// Runs in: Vitest (node). The character rule for names, labels and notes: what is refused, by
// which kind of field, and what the user is told.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findForbiddenCharacter, forbiddenCharacterMessage, TEXT_ERROR, TEXT_KIND } from './text'

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const C0 = range(0x00, 0x1f)
const DEL_AND_C1 = range(0x7f, 0x9f)
const OVERRIDES_AND_ISOLATES = [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)]
const MARKS = [0x200e, 0x200f, 0x061c]
const LINE_CHARACTERS = [0x09, 0x0a, 0x0d]

describe('labels (names, references, purposes, address labels)', () => {
  it('refuse every C0 and C1 control character and DEL, tab and line breaks included', () => {
    for (const c of [...C0, ...DEL_AND_C1]) {
      const found = findForbiddenCharacter(`Ann${String.fromCharCode(c)}e`, TEXT_KIND.label)
      expect(found, `U+${c.toString(16)}`).toMatchObject({ index: 3, code: TEXT_ERROR.controlCharacter })
    }
  })

  it('refuse every embedding, override, isolate and direction mark', () => {
    for (const c of [...OVERRIDES_AND_ISOLATES, ...MARKS]) {
      const found = findForbiddenCharacter(`INV-${String.fromCharCode(c)}7`, TEXT_KIND.label)
      expect(found, `U+${c.toString(16)}`).toMatchObject({ index: 4, code: TEXT_ERROR.directionCharacter })
    }
  })

  it('accept names in any script, with accents, emoji and joiners', () => {
    for (const name of ['Zoë Ødegård', 'محمد علي', 'דוד כהן', '王小明', 'Ⅻ٣', '👩‍👩‍👧‍👦 Family', 'O’Brien', 'a\u200Db']) {
      expect(findForbiddenCharacter(name, TEXT_KIND.label), name).toBeUndefined()
    }
  })

  it('name the code point and the character', () => {
    expect(findForbiddenCharacter('Bob\u202Egnp.exe', TEXT_KIND.label)).toEqual({
      index: 3,
      codePoint: 'U+202E',
      name: 'right-to-left override',
      code: TEXT_ERROR.directionCharacter
    })
    expect(findForbiddenCharacter('a\u0085', TEXT_KIND.label)).toMatchObject({
      codePoint: 'U+0085',
      name: 'control character'
    })
  })
})

describe('free text (notes, reasons)', () => {
  it('keeps tab, line feed and carriage return, and the direction marks', () => {
    for (const c of [...LINE_CHARACTERS, ...MARKS])
      expect(findForbiddenCharacter(`line${String.fromCharCode(c)}next`, TEXT_KIND.freeText)).toBeUndefined()
  })

  it('refuses the other control characters and every override and isolate', () => {
    const refused = [...C0.filter((c) => !LINE_CHARACTERS.includes(c)), ...DEL_AND_C1, ...OVERRIDES_AND_ISOLATES]
    for (const c of refused)
      expect(
        findForbiddenCharacter(`x${String.fromCharCode(c)}`, TEXT_KIND.freeText),
        `U+${c.toString(16)}`
      ).toBeDefined()
  })
})

describe('the rule over any text', () => {
  it('finds the first refused character exactly when there is one', () => {
    const refusedInLabels = new Set([...C0, ...DEL_AND_C1, ...OVERRIDES_AND_ISOLATES, ...MARKS])
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const first = [...text].findIndex((ch) => refusedInLabels.has(ch.charCodeAt(0)) && ch.length === 1)
        const found = findForbiddenCharacter(text, TEXT_KIND.label)
        if (first < 0) expect(found).toBeUndefined()
        else expect(found?.index).toBe([...text].slice(0, first).join('').length)
      }),
      { numRuns: 500 }
    )
  })
})

describe('the message', () => {
  it('says which field, which character, where, why, and what to do', () => {
    const found = findForbiddenCharacter('Bob\u202Egnp.exe', TEXT_KIND.label)!
    expect(forbiddenCharacterMessage('the name', found, TEXT_KIND.label)).toBe(
      'the name contains U+202E (right-to-left override) at character 4, an invisible character that changes the order in which text is displayed. Delete it, or type the text again instead of pasting it.'
    )
    const tab = findForbiddenCharacter('INV\t7', TEXT_KIND.label)!
    expect(forbiddenCharacterMessage('the reference', tab, TEXT_KIND.label)).toBe(
      'the reference contains U+0009 (tab) at character 4, a control character; it must be one line of plain text. Delete it, or type the text again instead of pasting it.'
    )
  })
})
