// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The grid's cell editor: how it opens, and that the grid's late second
// request for focus never selects (and so never lets the next key overwrite) what was already typed.
import type { ICellEditorParams } from 'ag-grid-community'
import { afterEach, describe, expect, it } from 'vitest'
import { GridTextEditor, type GridTextEditorParams } from './gridTextEditor'

const opened: GridTextEditor[] = []

function open(value: string, eventKey: string | null): { editor: GridTextEditor; input: HTMLInputElement } {
  const editor = new GridTextEditor()
  const params = {
    value,
    eventKey,
    maxLength: 12,
    colDef: { headerName: 'Amount' }
  } as unknown as ICellEditorParams<unknown, string> & GridTextEditorParams
  editor.init(params)
  const input = editor.getGui() as HTMLInputElement
  document.body.appendChild(input)
  editor.afterGuiAttached()
  opened.push(editor)
  return { editor, input }
}

/** What a key typed at the caret does to the editor: the browser's own insertion, after the keydown. */
function typeKey(input: HTMLInputElement, key: string): void {
  input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
  input.setRangeText(key, input.selectionStart ?? 0, input.selectionEnd ?? 0, 'end')
}

afterEach(() => {
  for (const e of opened.splice(0)) e.getGui().remove()
})

describe('the grid text editor', () => {
  it('opened by Tab or a double click, holds the cell text selected, so typing replaces it', () => {
    const { input } = open('250.00', null)
    expect(document.activeElement).toBe(input)
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 6])
    typeKey(input, '7')
    expect(input.value).toBe('7')
  })

  it("keeps what was typed before the grid's second request for focus, and the caret where it was", () => {
    const { editor, input } = open('', null)
    for (const key of '1,2') typeKey(input, key)
    editor.focusIn() // the grid, once React has attached the editor
    typeKey(input, '3')
    expect(input.value).toBe('1,23')
    expect(editor.getValue()).toBe('1,23')
  })

  it('selects its text again on a late request for focus while nothing has been typed', () => {
    const { editor, input } = open('abc', null)
    input.setSelectionRange(3, 3)
    editor.focusIn()
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 3])
  })

  it('opened by a typed character, starts with that character and the caret after it', () => {
    const { editor, input } = open('999', '4')
    expect(input.value).toBe('4')
    expect(input.selectionStart).toBe(1)
    editor.focusIn()
    typeKey(input, '2')
    expect(editor.getValue()).toBe('42')
  })

  it('opened by Backspace or Delete, starts empty; by F2, continues the text', () => {
    expect(open('999', 'Backspace').input.value).toBe('')
    expect(open('999', 'Delete').input.value).toBe('')
    const { input } = open('999', 'F2')
    expect(input.value).toBe('999')
    expect([input.selectionStart, input.selectionEnd]).toEqual([3, 3])
  })

  it('takes no more than the longest text a cell holds', () => {
    expect(open('', null).input.maxLength).toBe(12)
  })
})
