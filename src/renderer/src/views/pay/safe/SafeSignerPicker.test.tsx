// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). An owner's desk chooses the Ledger account that signs a Safe
// transaction beside it, and is told whether the Safe counts that account: the owner's roster name,
// or a warning that the Safe would refuse the signature.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installBridge, mountPoint, type Mounted } from '../../../testing/mount'
import { SafeSignerPicker } from './SafeSignerPicker'

const FIRST = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4'
const OTHER = '0x' + 'cd'.repeat(20)

let m: Mounted
beforeEach(() => {
  m = mountPoint()
  installBridge({
    listAccounts: async ({ scheme }) => ({
      ok: true,
      value: scheme === 'ledgerLive' ? [{ scheme, index: 0, path: "44'/60'/0'/0/0", address: FIRST }] : []
    })
  })
})
afterEach(() => m.unmount())

describe('the signing account of an owner’s desk', () => {
  it('names the owner when the chosen account is one of the Safe’s owners', async () => {
    await m.render(<SafeSignerPicker chainId={1} owners={[{ address: FIRST, name: 'Boris' }]} />)
    expect(m.byTestId('payer-address')?.textContent).toBe(FIRST)
    expect(m.byTestId('safe-signer-owner')?.textContent).toBe('Boris is an owner of this Safe.')
  })

  it('warns that the Safe would refuse a signature from an account that is not an owner', async () => {
    await m.render(<SafeSignerPicker chainId={1} owners={[{ address: OTHER, name: 'Chen' }]} />)
    expect(m.byTestId('safe-signer-owner')?.textContent).toContain('not an owner of this Safe')
    expect(m.byTestId('safe-signer-owner')?.className).toContain('text-warning')
  })
})
