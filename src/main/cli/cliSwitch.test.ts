// Runs in: Vitest (node). When the app's binary runs the `treasury` command instead of opening a window.
import { describe, expect, it } from 'vitest'
import { cliArguments } from './cliSwitch'

const EXE = '/opt/Treasury/treasury'

describe('starting the app as the treasury command', () => {
  it('takes everything after --cli as the command, whatever Chromium switches come before it', () => {
    expect(
      cliArguments({
        argv: [EXE, '--ozone-platform=headless', '--disable-gpu', '--cli', 'payouts', 'list', '--json'],
        isPackaged: true
      })
    ).toEqual(['payouts', 'list', '--json'])
    expect(cliArguments({ argv: ['electron', '.', '--cli', 'networks'], isPackaged: false })).toEqual(['networks'])
  })

  it('runs a packaged app started with a command word first as the command', () => {
    expect(cliArguments({ argv: [EXE, 'payouts', 'show', 'PO-1'], isPackaged: true })).toEqual([
      'payouts',
      'show',
      'PO-1'
    ])
    expect(cliArguments({ argv: [EXE, 'audit', 'verify'], isPackaged: true })).toEqual(['audit', 'verify'])
  })

  it('opens the window otherwise: no arguments, a file opened with the app, a data folder flag', () => {
    expect(cliArguments({ argv: [EXE], isPackaged: true })).toBeNull()
    expect(cliArguments({ argv: [EXE, '/home/ana/payouts'], isPackaged: true })).toBeNull()
    expect(cliArguments({ argv: [EXE, '--data-dir=/srv/books', 'payouts'], isPackaged: true })).toBeNull()
    // Unpackaged, argv[1] is the app's folder: only --cli means the command.
    expect(cliArguments({ argv: ['electron', 'payouts'], isPackaged: false })).toBeNull()
    expect(cliArguments({ argv: ['electron', '.', 'payouts', 'list'], isPackaged: false })).toBeNull()
  })
})
