// Runs in: main (pure, no I/O). The rules every recipient row of a payout must pass, whether it
// was typed in a form, edited in the grid or imported from a file: one implementation for all.
import type { Issue, RecipientInput } from '../../shared/api'
import { checkAddress, sameAddress } from './address'
import { parseAmount } from './money'

export interface RecipientAsset {
  readonly decimals: number
  readonly symbol: string
  readonly tokenAddress: string | null
}

export interface RecipientContext {
  /** The account that pays: paying it is a mistake, not a payout. */
  readonly payerAddress?: string | null
  readonly decimalSeparator?: '.' | ','
}

export interface CheckedRecipient {
  readonly address: string | null
  readonly amount: bigint | null
  readonly issues: Issue[]
}

const MAX_REFERENCE = 200

/** Checks one row on its own (address, amount, reference). Cross-row rules are in checkRecipients. */
export function checkRecipient(input: RecipientInput, asset: RecipientAsset, ctx: RecipientContext = {}): CheckedRecipient {
  const issues: Issue[] = []
  let address: string | null = null
  const a = checkAddress(input.address)
  if (!a.ok) issues.push({ field: 'address', severity: 'error', code: a.code, message: a.message })
  else {
    address = a.address
    if (asset.tokenAddress !== null && sameAddress(a.address, asset.tokenAddress)) {
      issues.push({ field: 'address', severity: 'error', code: 'address_is_token_contract', message: `This is the ${asset.symbol} token contract itself; tokens sent to it are lost. Enter the recipient's own address.` })
      address = null
    } else if (ctx.payerAddress && sameAddress(a.address, ctx.payerAddress)) {
      issues.push({ field: 'address', severity: 'error', code: 'address_is_payer', message: 'This is the paying account itself. Enter the recipient\'s address.' })
      address = null
    } else if (a.warning) issues.push({ field: 'address', severity: 'warning', code: a.warning.code, message: a.warning.message })
  }
  let amount: bigint | null = null
  const m = parseAmount(input.amount, asset.decimals, asset.symbol, ctx.decimalSeparator ? { decimalSeparator: ctx.decimalSeparator } : {})
  if (!m.ok) issues.push({ field: 'amount', severity: 'error', code: m.code, message: m.message })
  else amount = m.value
  if ((input.reference ?? '').length > MAX_REFERENCE) {
    issues.push({ field: 'reference', severity: 'error', code: 'reference_too_long', message: `Reference is longer than ${MAX_REFERENCE} characters.` })
  }
  return { address, amount, issues }
}

/**
 * Checks all rows of a payout: each on its own, then across rows. The same reference twice is an
 * error on both rows (a reference identifies one payment); the same address twice is a warning on
 * both (two payments to one person may be intended). `rowNumber(i)` is how the user sees row i.
 */
export function checkRecipients(inputs: readonly RecipientInput[], asset: RecipientAsset, ctx: RecipientContext = {}, rowNumber: (i: number) => number = (i) => i + 1): CheckedRecipient[] {
  const checked = inputs.map((input) => checkRecipient(input, asset, ctx))
  const byReference = new Map<string, number[]>()
  const byAddress = new Map<string, number[]>()
  inputs.forEach((input, i) => {
    const ref = (input.reference ?? '').trim()
    if (ref !== '') push(byReference, ref, i)
    const address = checked[i]!.address
    if (address !== null) push(byAddress, address.toLowerCase(), i)
  })
  for (const [ref, rows] of byReference) {
    if (rows.length < 2) continue
    for (const i of rows) {
      const others = rows.filter((j) => j !== i).map(rowNumber)
      checked[i]!.issues.push({ field: 'reference', severity: 'error', code: 'reference_duplicate', message: `Reference "${ref}" is also used on row ${others.join(', ')}. Each payment needs its own reference.` })
    }
  }
  for (const rows of byAddress.values()) {
    if (rows.length < 2) continue
    for (const i of rows) {
      const others = rows.filter((j) => j !== i).map(rowNumber)
      checked[i]!.issues.push({ field: 'address', severity: 'warning', code: 'address_duplicate', message: `The same address is paid again on row ${others.join(', ')}. Check that both payments are intended.` })
    }
  }
  return checked
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [i])
  else list.push(i)
}
