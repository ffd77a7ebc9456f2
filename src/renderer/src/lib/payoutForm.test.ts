// Runs in: Vitest (Node). The single payout form's data rules.
import { describe, expect, it } from 'vitest'
import type { Issue, PayoutDetail } from '../../../shared/api'
import {
  EMPTY_VALUES,
  hasErrors,
  issuesFor,
  missingChoices,
  toCreateInput,
  toUpdateInput,
  valuesFromDetail
} from './payoutForm'

const values = {
  chainId: '1',
  assetId: '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
  amount: ' 12.5 ',
  address: ' 0x52908400098527886E0F7030069857D2E4169EE7 ',
  description: ' March invoice '
}

describe('single payout form', () => {
  it('asks for a network first, then a currency', () => {
    expect(missingChoices(EMPTY_VALUES).map((i) => i.code)).toEqual(['network_required'])
    expect(missingChoices({ ...EMPTY_VALUES, chainId: '1' }).map((i) => i.code)).toEqual(['currency_required'])
    expect(missingChoices(values)).toEqual([])
  })

  it('sends one trimmed recipient as a single payout', () => {
    expect(toCreateInput(values)).toEqual({
      kind: 'single',
      assetId: values.assetId,
      description: 'March invoice',
      recipients: [{ address: '0x52908400098527886E0F7030069857D2E4169EE7', amount: '12.5' }]
    })
  })

  it('keeps a recipient name, reference and note it did not show when updating', () => {
    const input = toUpdateInput('p1', { ...values, name: 'Ada', reference: 'INV-7', note: 'n' })
    expect(input.id).toBe('p1')
    expect(input.recipients).toEqual([
      {
        address: '0x52908400098527886E0F7030069857D2E4169EE7',
        amount: '12.5',
        name: 'Ada',
        reference: 'INV-7',
        note: 'n'
      }
    ])
  })

  it('prefills from a saved payout', () => {
    const detail = {
      chainId: 137,
      assetId: '137:native',
      description: 'Bonus',
      items: [
        {
          row: 1,
          address: '0xabc',
          amount: '1.5',
          amountBaseUnits: null,
          name: 'Bo',
          reference: '',
          note: '',
          status: 'draft',
          issues: [],
          txHash: null
        }
      ]
    } as unknown as PayoutDetail
    expect(valuesFromDetail(detail)).toEqual({
      chainId: '137',
      assetId: '137:native',
      amount: '1.5',
      address: '0xabc',
      description: 'Bonus',
      name: 'Bo'
    })
  })

  it('puts each issue beside its own field, errors before warnings', () => {
    const issues: Issue[] = [
      { field: 'address', severity: 'warning', code: 'w', message: 'lower case' },
      { field: 'amount', severity: 'error', code: 'a', message: 'too many decimals' },
      { field: 'address', severity: 'error', code: 'e', message: 'bad checksum' }
    ]
    expect(issuesFor(issues, 'address').map((i) => i.code)).toEqual(['e', 'w'])
    expect(issuesFor(issues, 'amount').map((i) => i.code)).toEqual(['a'])
    expect(hasErrors(issues)).toBe(true)
    expect(hasErrors(issuesFor(issues, 'address').slice(1))).toBe(false)
  })
})
