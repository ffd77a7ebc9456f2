import { describe, expect, it } from 'vitest'
import { accountPath, pathProblem } from './accountPath'

describe('account paths', () => {
  it("numbers Ledger Live accounts in the account field: account 1 is 44'/60'/1'/0/0", () => {
    expect(accountPath('ledgerLive', 1)).toBe("44'/60'/1'/0/0")
  })

  it("numbers legacy accounts in the last field: account 1 is 44'/60'/0'/1", () => {
    expect(accountPath('legacy', 1)).toBe("44'/60'/0'/1")
  })

  it('accepts Ethereum paths and explains anything else', () => {
    expect(pathProblem("44'/60'/1'/0/0")).toBeNull()
    expect(pathProblem("44'/0'/0'/0/0")).toContain('Ethereum account path')
    expect(pathProblem('')).not.toBeNull()
  })
})
