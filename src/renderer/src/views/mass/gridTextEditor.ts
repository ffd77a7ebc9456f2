// Runs in: renderer. The text editor of every editable grid cell. It differs from the grid's own in
// one rule that matters to a fast typist: the grid asks an editor to take focus again once React has
// attached it, a moment after it opened, and the grid's own editor then selects all its text, so
// whatever was typed in between was overwritten by the next key ("1,234.5" became "234.5"). This
// editor sets its opening selection only until the first key or click reaches it.
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community'

export interface GridTextEditorParams {
  /** The longest text a cell takes; main refuses longer values too. */
  readonly maxLength: number
}

const CLEARING_KEYS = new Set(['Backspace', 'Delete'])
/** F2 opens the editor to continue the text, not to replace it. */
const CONTINUE_KEY = 'F2'

export class GridTextEditor implements ICellEditorComp<unknown, string> {
  private readonly input: HTMLInputElement = document.createElement('input')
  private selectOnFocus = false
  /** A key or click reached the editor: its text and caret are the user's from then on. */
  private touched = false

  init(params: ICellEditorParams<unknown, string> & GridTextEditorParams): void {
    const input = this.input
    input.type = 'text'
    input.className = 'ag-input-field-input ag-text-field-input'
    input.spellcheck = false
    input.autocomplete = 'off'
    input.maxLength = params.maxLength
    input.setAttribute('aria-label', params.colDef.headerName ?? 'Cell')
    const key = params.eventKey
    if (key !== null && CLEARING_KEYS.has(key)) {
      input.value = ''
    } else if (key !== null && key.length === 1) {
      // The grid cancels the key's own typing and opens the editor with it instead.
      input.value = key
    } else {
      input.value = params.value ?? ''
      this.selectOnFocus = key !== CONTINUE_KEY
    }
    const touch = (): void => {
      this.touched = true
    }
    input.addEventListener('keydown', touch)
    input.addEventListener('mousedown', touch)
  }

  getGui(): HTMLElement {
    return this.input
  }

  getValue(): string {
    return this.input.value
  }

  afterGuiAttached(): void {
    this.focusIn()
  }

  /** Called by the grid when Tab moves into this cell, and again once the editor is attached. */
  focusIn(): void {
    const input = this.input
    if (document.activeElement !== input) input.focus()
    if (this.touched) return
    if (this.selectOnFocus) input.select()
    else input.setSelectionRange(input.value.length, input.value.length)
  }

  isPopup(): boolean {
    return false
  }
}
