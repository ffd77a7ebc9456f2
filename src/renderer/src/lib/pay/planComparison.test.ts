// Runs in: Vitest (node). The review screen's plan comparison: what each plan costs and shows,
// why a plan is not offered, and that a shortfall blocks signing.
import { describe, expect, it } from 'vitest'
import type { ExecutionQuoteView } from '../../../../shared/execution'
import { buildQuoteView, checkCanSign, formatFee, shortfallMessage } from './planComparison'

const GWEI = 1_000_000_000n

function quote(overrides: Partial<ExecutionQuoteView> = {}): ExecutionQuoteView {
  return {
    payoutId: 'p1',
    chainId: 31337,
    payer: '0x1111111111111111111111111111111111111111',
    accountPath: "44'/60'/0'/0/0",
    assetSymbol: 'TUSD',
    assetDecimals: 6,
    nativeSymbol: 'ETH',
    totalBaseUnits: '20000000',
    recipients: 20,
    plans: [
      {
        kind: 'batch',
        available: true,
        transactions: 2,
        deviceConfirmations: 2,
        estimatedFeeBaseUnits: (120_000n * GWEI).toString(),
        maximumFeeBaseUnits: (240_000n * GWEI).toString(),
        display: 'mixed',
        shortfalls: []
      },
      {
        kind: 'per_recipient',
        available: true,
        transactions: 20,
        deviceConfirmations: 20,
        estimatedFeeBaseUnits: (1_000_000n * GWEI).toString(),
        maximumFeeBaseUnits: (2_000_000n * GWEI).toString(),
        display: 'clear',
        shortfalls: []
      }
    ],
    proposed: 'batch',
    balances: { nativeBaseUnits: (10n * 10n ** 18n).toString(), tokenBaseUnits: '1000000000000' },
    canExecute: true,
    ...overrides
  }
}

describe('buildQuoteView', () => {
  it('shows each plan with transactions, confirmations, the fee in the native coin and the device display', () => {
    const view = buildQuoteView(quote())
    const [batch, each] = view.plans
    expect(batch).toMatchObject({
      label: 'Batch',
      transactions: 2,
      confirmations: 2,
      feeText: '0.00012 ETH',
      proposed: true
    })
    expect(batch?.displayText).toMatch(/some/)
    expect(each).toMatchObject({
      label: 'One transaction per recipient',
      transactions: 20,
      feeText: '0.001 ETH',
      proposed: false
    })
    expect(each?.displayText).toMatch(/^Clear details/)
  })

  it('preselects the planner proposal, or the first available plan when there is none', () => {
    expect(buildQuoteView(quote()).initialPlan).toBe('batch')
    expect(buildQuoteView(quote({ proposed: null })).initialPlan).toBe('batch')
  })

  it('formats the total exactly, and both balances to six decimals with every digit in the tooltip', () => {
    const view = buildQuoteView(quote())
    expect(view.totalText).toBe('20.00 TUSD')
    expect(view.nativeBalance).toEqual({ text: '10.00 ETH', exact: '10.00 ETH' })
    expect(view.tokenBalance?.text).toBe('1,000,000.00 TUSD')
    const dust = buildQuoteView(quote({ balances: { nativeBaseUnits: '1234567890123456789', tokenBaseUnits: null } }))
    expect(dust.tokenBalance).toBeNull()
    expect(dust.nativeBalance).toEqual({ text: '≈ 1.234567 ETH', exact: '1.234567890123456789 ETH' })
  })

  it('keeps the reason and the offending rows of a plan that is not offered', () => {
    const view = buildQuoteView(
      quote({
        plans: [
          {
            kind: 'batch',
            available: false,
            code: 'simulation_failed',
            reason: 'The batch would be refused by the network.',
            rows: [{ row: 7, address: '0x2222222222222222222222222222222222222222', reason: 'recipient blocked' }]
          },
          quote().plans[1]!
        ],
        proposed: 'per_recipient'
      })
    )
    expect(view.plans[0]).toMatchObject({
      available: false,
      reason: 'The batch would be refused by the network.',
      feeText: null
    })
    expect(view.plans[0]?.rows.map((r) => r.row)).toEqual([7])
    expect(view.initialPlan).toBe('per_recipient')
  })
})

describe('checkCanSign', () => {
  it('allows an available plan the balances cover', () => {
    expect(checkCanSign(buildQuoteView(quote()), 'per_recipient')).toEqual({ ok: true })
  })

  it('blocks a plan with a shortfall, an unavailable plan, and no plan at all', () => {
    const short = {
      asset: 'native' as const,
      symbol: 'ETH',
      decimals: 18,
      neededBaseUnits: '3000000000000000000',
      availableBaseUnits: '1000000000000000000',
      missingBaseUnits: '2000000000000000000'
    }
    const q = quote()
    const view = buildQuoteView(
      quote({ plans: [{ ...q.plans[0]!, shortfalls: [short] } as ExecutionQuoteView['plans'][number], q.plans[1]!] })
    )
    expect(checkCanSign(view, 'batch').ok).toBe(false)
    expect(view.plans[0]?.shortfalls[0]).toBe(shortfallMessage(short))
    const unavailable = buildQuoteView(
      quote({
        plans: [{ kind: 'batch', available: false, code: 'x', reason: 'No batch contract on this network.', rows: [] }],
        proposed: null
      })
    )
    expect(checkCanSign(unavailable, 'batch').ok).toBe(false)
    expect(checkCanSign(unavailable, null).ok).toBe(false)
  })
})

describe('shortfallMessage', () => {
  it('names what is missing, what is needed and what is there', () => {
    const text = shortfallMessage({
      asset: 'token',
      symbol: 'TUSD',
      decimals: 6,
      neededBaseUnits: '20000000',
      availableBaseUnits: '5000000',
      missingBaseUnits: '15000000'
    })
    expect(text).toBe('Not enough TUSD: 20.00 TUSD needed, 5.00 TUSD available. Add 15.00 TUSD to the payer account.')
  })
})

describe('formatFee', () => {
  it('shows a fee exactly when it fits in six decimals, otherwise rounded up and marked as approximate', () => {
    expect(formatFee('120000000000000', 'ETH')).toBe('0.00012 ETH')
    expect(formatFee('1046388228387600', 'ETH')).toBe('≈ 0.001047 ETH')
    expect(formatFee('1', 'ETH')).toBe('≈ 0.000001 ETH')
  })
})
