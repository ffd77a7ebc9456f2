// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The statement that the payer's transactions this folder has no record
// of were looked at: it names the account (linked to the explorer where there is one) and the last
// number it covers, can only be signed once ticked, asks main for the review's account to sign
// exactly what the refusal named, and keeps the person on the form with main's reason when it is not
// signed; none is offered while the endpoints disagree about the account's count.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BridgeApi } from '../../../../shared/api'
import { installBridge, mountPoint, type Mounted } from '../../testing/mount'
import { UnrecordedSendsCheck } from './UnrecordedSendsCheck'

const ACCOUNT = `0x${'Ab'.repeat(20)}`
const CHECK = { account: ACCOUNT, through: 17, agreed: 17, rows: [2, 5] }
const PATH = "44'/60'/0'/0/3"

let m: Mounted
beforeEach(() => {
  m = mountPoint()
})
afterEach(() => m.unmount())

async function click(el: HTMLElement | null): Promise<void> {
  await act(async () => {
    el?.click()
    await new Promise((r) => setTimeout(r, 0))
  })
}

describe('the statement that unrecorded transactions were looked at', () => {
  it('names the account and the last number, and is sent only once ticked, with what the refusal named', async () => {
    const sent: unknown[] = []
    let checked = 0
    installBridge({
      signUnrecordedSendsStatement: (async (input: unknown) => {
        sent.push(input)
        return { ok: true, value: { account: ACCOUNT, through: 17 } }
      }) as BridgeApi['signUnrecordedSendsStatement']
    })
    await m.render(
      <UnrecordedSendsCheck
        payoutId="PO-1"
        accountPath={PATH}
        check={CHECK}
        explorerUrl="https://etherscan.io"
        onChecked={() => checked++}
      />
    )
    const box = m.byTestId('unrecorded-sends')
    expect(box?.textContent).toContain('rows 2, 5 first')
    expect(box?.textContent).toContain('up to number 16: none of them paid')
    expect(m.byTestId('unrecorded-sends-link')?.getAttribute('href')).toBe(`https://etherscan.io/address/${ACCOUNT}`)
    const confirm = m.byTestId('unrecorded-sends-confirm') as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    await click(confirm)
    expect(sent).toEqual([])
    await click(m.byTestId('unrecorded-sends-sure'))
    expect(confirm.disabled).toBe(false)
    await click(confirm)
    expect(sent).toEqual([{ id: 'PO-1', accountPath: PATH, account: ACCOUNT, through: 17 }])
    expect(checked).toBe(1)
  })

  it("shows main's reason when the statement is not signed, and does not review again", async () => {
    let checked = 0
    installBridge({
      signUnrecordedSendsStatement: (async () => ({
        ok: false,
        error: { code: 'invalid_input', message: 'a check cannot cover number 17, which it has not used' }
      })) as BridgeApi['signUnrecordedSendsStatement']
    })
    await m.render(
      <UnrecordedSendsCheck
        payoutId="PO-1"
        accountPath={PATH}
        check={CHECK}
        explorerUrl={null}
        onChecked={() => checked++}
      />
    )
    expect(m.byTestId('unrecorded-sends-link')).toBeNull()
    expect(m.byTestId('unrecorded-sends')?.textContent).toContain(ACCOUNT)
    await click(m.byTestId('unrecorded-sends-sure'))
    await click(m.byTestId('unrecorded-sends-confirm'))
    expect(m.byTestId('error-alert')?.textContent).toContain('which it has not used')
    expect(checked).toBe(0)
  })

  it('offers no statement while the endpoints disagree about the count, and says why', async () => {
    const sent: unknown[] = []
    installBridge({
      signUnrecordedSendsStatement: (async (input: unknown) => {
        sent.push(input)
        return { ok: true, value: { account: ACCOUNT, through: 40 } }
      }) as BridgeApi['signUnrecordedSendsStatement']
    })
    await m.render(
      <UnrecordedSendsCheck
        payoutId="PO-1"
        accountPath={PATH}
        check={{ ...CHECK, through: 40, agreed: 2 }}
        explorerUrl={null}
        onChecked={() => undefined}
      />
    )
    expect(m.byTestId('unrecorded-sends-disagree')?.textContent).toContain(
      'disagree about how many transactions this account has sent (2 or 40), so nobody can say numbers 2 to 39 were looked at'
    )
    expect(m.byTestId('unrecorded-sends-sure')).toBeNull()
    expect(m.byTestId('unrecorded-sends-confirm')).toBeNull()
    expect(sent).toEqual([])
  })
})
