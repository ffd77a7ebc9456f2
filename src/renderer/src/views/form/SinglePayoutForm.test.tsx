// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The single payout form against a stand-in bridge: issues appear
// beside their field as the user types, checks wait for a pause, and a failed save loses nothing.
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Asset, BridgeApi, Issue, Network, PayoutDetail, RecipientCheck } from '../../../../shared/api'
import type { Result } from '../../../../shared/result'
import { EMPTY_VALUES, type SinglePayoutValues } from '../../lib/payoutForm'
import { useCatalogue } from '../../stores/catalogue'
import { useSettings } from '../../stores/settings'
import { CHECK_DELAY_MS, SinglePayoutForm } from './SinglePayoutForm'

const GOOD = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const BAD = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'
const USDC: Asset = {
  id: '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
  chainId: 1,
  kind: 'erc20',
  symbol: 'USDC',
  name: 'USD Coin',
  decimals: 6,
  tokenAddress: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
}
const ETHEREUM: Network = {
  chainId: 1,
  name: 'Ethereum',
  nativeSymbol: 'ETH',
  explorerUrl: null,
  testnet: false,
  development: false,
  minConfirmations: 12
}
const CHECKSUM_ERROR: Issue = {
  field: 'address',
  severity: 'error',
  code: 'address_bad_checksum',
  message: 'Address checksum is wrong.'
}

// React needs to know it runs under a test's act() to flush effects predictably.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let root: Root
let container: HTMLElement
let checkRecipient: ReturnType<typeof vi.fn>

function installBridge(overrides: Partial<BridgeApi> = {}): void {
  checkRecipient = vi.fn(
    async (input: { recipient: { address: string; amount: string } }): Promise<Result<RecipientCheck>> => {
      const { address, amount } = input.recipient
      const issues = address === BAD ? [CHECKSUM_ERROR] : []
      return {
        ok: true,
        value: {
          address: address === GOOD ? GOOD : null,
          amountBaseUnits: amount === '12.5' ? '12500000' : null,
          issues
        }
      }
    }
  )
  const bridge: Partial<BridgeApi> = {
    listNetworks: async () => ({ ok: true, value: [ETHEREUM] }),
    listAssets: async () => ({ ok: true, value: [USDC] }),
    checkRecipient: checkRecipient as unknown as BridgeApi['checkRecipient'],
    onEvent: () => () => undefined,
    ...overrides
  }
  Object.defineProperty(window, 'treasury', { value: bridge, configurable: true, writable: true })
}

async function render(
  onSave: (v: SinglePayoutValues) => Promise<Result<PayoutDetail>>,
  initial = EMPTY_VALUES
): Promise<void> {
  await act(async () => {
    root.render(<SinglePayoutForm initial={initial} submitLabel="Save draft" cancelHref="#/payouts" onSave={onSave} />)
  })
}

const byTestId = <T extends HTMLElement>(id: string): T | null => container.querySelector<T>(`[data-testid="${id}"]`)

/** Types into a controlled input or select the way a browser does: set the value, fire input/change. */
async function type(id: string, value: string): Promise<void> {
  const el = byTestId<HTMLInputElement | HTMLSelectElement>(id)
  if (el === null) throw new Error(`no element ${id}`)
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value)
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }))
  })
}

/** Waits, generously, until `assertion` passes: checks are debounced and answered asynchronously. */
async function eventually(assertion: () => void, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  for (;;) {
    try {
      assertion()
      return
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e
      await act(async () => new Promise((r) => setTimeout(r, 25)))
    }
  }
}

async function chooseUsdc(): Promise<void> {
  await eventually(() => expect(container.querySelectorAll('[data-testid="field-network"] option').length).toBe(2))
  await type('field-network', '1')
  await eventually(() => expect(container.querySelectorAll('[data-testid="field-currency"] option').length).toBe(2))
  await type('field-currency', USDC.id)
}

beforeEach(() => {
  useCatalogue.setState({ networks: null, assetsByChain: {}, error: null })
  useSettings.setState({ settings: null, error: null })
  installBridge()
  container = document.createElement('div')
  document.body.appendChild(container)
  root = createRoot(container)
})

afterEach(async () => {
  await act(async () => root.unmount())
  container.remove()
})

describe('single payout form', () => {
  it('shows a checksum error beside the address while typing, and the checksummed address once fixed', async () => {
    await render(async () => ({ ok: false, error: { code: 'internal_error', message: 'unused' } }))
    await chooseUsdc()
    await type('field-address', BAD)
    await eventually(() => expect(byTestId('issue-address')?.textContent).toContain('checksum is wrong'))
    expect(byTestId('issue-address')?.querySelector('[data-severity="error"]')).not.toBeNull()
    expect(byTestId('field-address')?.getAttribute('aria-invalid')).toBe('true')

    await type('field-address', GOOD)
    await eventually(() => expect(byTestId('address-checksummed')?.textContent).toBe(GOOD))
    expect(byTestId('issue-address')).toBeNull()
    expect(byTestId('field-address')?.getAttribute('aria-invalid')).toBe('false')
  })

  it('checks once the user pauses, with what was typed last', async () => {
    await render(async () => ({ ok: false, error: { code: 'internal_error', message: 'unused' } }))
    await chooseUsdc()
    // The clock is ours from here: fast typing is fast however loaded the machine is.
    vi.useFakeTimers()
    try {
      await type('field-amount', '1')
      await type('field-amount', '12')
      await type('field-amount', '12.5')
      await act(async () => vi.advanceTimersByTime(CHECK_DELAY_MS - 1))
      expect(checkRecipient).not.toHaveBeenCalled()
      await act(async () => vi.advanceTimersByTime(1))
    } finally {
      vi.useRealTimers()
    }
    await eventually(() => expect(byTestId('amount-hint')?.textContent).toContain('Sends exactly 12.50 USDC'))
    expect(checkRecipient).toHaveBeenCalledTimes(1)
    expect(checkRecipient.mock.calls[0]![0]).toEqual({ assetId: USDC.id, recipient: { address: '', amount: '12.5' } })
  })

  it('does not ask main to save without a network, and points at the network field', async () => {
    const onSave = vi.fn(async () => ({ ok: false as const, error: { code: 'internal_error' as const, message: 'x' } }))
    await render(onSave)
    await act(async () => byTestId<HTMLButtonElement>('save-draft')!.click())
    expect(onSave).not.toHaveBeenCalled()
    expect(byTestId('issue-network')?.textContent).toContain('Choose the network')
    expect(document.activeElement).toBe(byTestId('field-network'))
    // The footer names what the save needs, not a count of other problems and a save it refuses.
    expect(byTestId('form-status')?.textContent).toBe(
      'A draft needs the network, the address and the amount before it can be saved.'
    )
  })

  it('does not save without the recipient: says what is missing beside each field and points at the first', async () => {
    const onSave = vi.fn(async () => ({ ok: false as const, error: { code: 'internal_error' as const, message: 'x' } }))
    await render(onSave)
    await chooseUsdc()
    await act(async () => byTestId<HTMLButtonElement>('save-draft')!.click())
    expect(onSave).not.toHaveBeenCalled()
    expect(byTestId('issue-address')?.textContent).toContain("Enter the recipient's address")
    expect(byTestId('issue-amount')?.textContent).toContain('Enter the amount')
    expect(document.activeElement).toBe(byTestId('field-address'))
    // The footer does not offer a save it refuses.
    expect(byTestId('form-status')?.textContent).toBe(
      'A draft needs the address and the amount before it can be saved.'
    )

    await type('field-address', GOOD)
    await act(async () => byTestId<HTMLButtonElement>('save-draft')!.click())
    expect(onSave).not.toHaveBeenCalled()
    expect(byTestId('issue-address')).toBeNull()
    expect(document.activeElement).toBe(byTestId('field-amount'))
    expect(byTestId('form-status')?.textContent).toBe('A draft needs the amount before it can be saved.')
  })

  it('shows a failed save as an alert and keeps everything that was typed', async () => {
    const onSave = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'data_folder_unusable' as const, message: 'The disk is full. Free some space and save again.' }
    }))
    await render(onSave)
    await chooseUsdc()
    await type('field-address', GOOD)
    await type('field-amount', '12.5')
    await type('field-description', 'March invoice')
    await act(async () => byTestId<HTMLButtonElement>('save-draft')!.click())
    await eventually(() => expect(byTestId('error-alert')?.textContent).toContain('The disk is full'))
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({
        chainId: '1',
        assetId: USDC.id,
        address: GOOD,
        amount: '12.5',
        description: 'March invoice'
      })
    )
    expect(byTestId<HTMLInputElement>('field-address')!.value).toBe(GOOD)
    expect(byTestId<HTMLInputElement>('field-amount')!.value).toBe('12.5')
    expect(byTestId<HTMLInputElement>('field-description')!.value).toBe('March invoice')
    expect(byTestId<HTMLSelectElement>('field-currency')!.value).toBe(USDC.id)
  })

  it("reads the typed amount with the desk's number format and sends main its canonical form", async () => {
    useSettings.setState({
      settings: { operatorName: 'Op', confirmations: 2, numberFormat: 'comma-decimal' }
    })
    const onSave = vi.fn(async () => ({ ok: false as const, error: { code: 'internal_error' as const, message: 'x' } }))
    await render(onSave)
    await chooseUsdc()
    await type('field-address', GOOD)
    await type('field-amount', '1.234,5')
    await eventually(() => expect(checkRecipient.mock.lastCall?.[0].recipient.amount).toBe('1234.5'))
    expect(checkRecipient.mock.lastCall![0]).toEqual({
      assetId: USDC.id,
      recipient: { address: GOOD, amount: '1234.5' }
    })
    await act(async () => byTestId<HTMLButtonElement>('save-draft')!.click())
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ amount: '1234.5' }))
    expect(byTestId<HTMLInputElement>('field-amount')!.value).toBe('1.234,5')
  })

  it("refuses beside the field an amount the desk's number format cannot read, keeping what was typed", async () => {
    useSettings.setState({
      settings: { operatorName: 'Op', confirmations: 2, numberFormat: 'dot-decimal' }
    })
    const onSave = vi.fn(async () => ({ ok: false as const, error: { code: 'internal_error' as const, message: 'x' } }))
    await render(onSave)
    await chooseUsdc()
    await type('field-address', GOOD)
    // Main alone would read "1 000,50" as 1000.50; the desk reads 1,234.50 and does not guess.
    await type('field-amount', '1 000,50')
    await act(async () => byTestId<HTMLButtonElement>('save-draft')!.click())
    expect(onSave).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(byTestId('field-amount'))
    expect(byTestId('issue-amount')?.textContent).toContain('groups of three digits')
    expect(byTestId<HTMLInputElement>('field-amount')!.value).toBe('1 000,50')
    await type('field-amount', '1,5')
    await eventually(() =>
      expect(byTestId('issue-amount')?.textContent).toContain("cannot be read in this desk's number format")
    )
    expect(byTestId('field-amount')?.getAttribute('aria-invalid')).toBe('true')
    expect(byTestId('amount-hint')?.textContent).not.toContain('Sends exactly')
    expect(byTestId<HTMLInputElement>('field-amount')!.value).toBe('1,5')
  })

  it('shows a saved amount as its exact value in the desk marks', async () => {
    useSettings.setState({
      settings: { operatorName: 'Op', confirmations: 2, numberFormat: 'dot-decimal' }
    })
    await render(async () => ({ ok: false, error: { code: 'internal_error' as const, message: 'unused' } }), {
      ...EMPTY_VALUES,
      amount: '334.9690'
    })
    expect(byTestId<HTMLInputElement>('field-amount')!.value).toBe('334.969')
  })
})
