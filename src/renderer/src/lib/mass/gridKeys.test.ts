// Runs in: Vitest (Node). The grid's keyboard commands, as spreadsheets bind them.
import { describe, expect, it } from 'vitest'
import { keyCommand, type KeyPress } from './gridKeys'

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods
})

describe('grid keyboard commands', () => {
  it('copy with Ctrl+C or Cmd+C, fill down with Ctrl+D', () => {
    expect(keyCommand(press('c', { ctrlKey: true }), false, false)).toBe('copy')
    expect(keyCommand(press('C', { metaKey: true }), false, true)).toBe('copy')
    expect(keyCommand(press('d', { ctrlKey: true }), false, true)).toBe('fillDown')
  })

  it('undo with Ctrl+Z, redo with Ctrl+Y or Ctrl+Shift+Z', () => {
    expect(keyCommand(press('z', { ctrlKey: true }), false, false)).toBe('undo')
    expect(keyCommand(press('Z', { ctrlKey: true, shiftKey: true }), false, false)).toBe('redo')
    expect(keyCommand(press('y', { metaKey: true }), false, false)).toBe('redo')
  })

  it('clear a selected range with Delete or Backspace, and leave one cell to the grid', () => {
    expect(keyCommand(press('Delete'), false, true)).toBe('clearRange')
    expect(keyCommand(press('Backspace'), false, true)).toBe('clearRange')
    expect(keyCommand(press('Delete'), false, false)).toBeNull()
  })

  it('leave every key to the editor while a cell is edited', () => {
    expect(keyCommand(press('c', { ctrlKey: true }), true, false)).toBeNull()
    expect(keyCommand(press('Delete'), true, true)).toBeNull()
  })

  it('leave plain letters and Alt combinations alone', () => {
    expect(keyCommand(press('c'), false, true)).toBeNull()
    expect(keyCommand(press('d', { ctrlKey: true, altKey: true }), false, true)).toBeNull()
  })
})
