// Runs in: main (plain Node). Amounts from the REST API and the command line: canonical decimals
// ("." as the decimal point, no grouping, "334.969" is 334.969) or base units (digits). Each one is
// turned into the form the validator reads back as the same value whatever the desk's number format
// (formatAmountUnambiguous), so such an amount is never refused as ambiguous; the validator still
// checks it (zero, too many decimals, too large) with the same codes the window gets.
import { AppFailure } from '../../shared/errors'
import { formatAmountUnambiguous, parseAmount } from '../domain/money'

export const AMOUNT_UNITS = ['decimal', 'base_units'] as const
export type AmountUnit = (typeof AMOUNT_UNITS)[number]

const CANONICAL_DECIMAL = /^[0-9]+(\.[0-9]+)?$/
const BASE_UNITS = /^[0-9]+$/
const SYMBOL = 'units'

/**
 * The amount text the contract is given for one canonical amount. An amount that is canonical but
 * invalid (zero, too many decimals) is passed on as written, so the validator explains it on its row.
 */
export function canonicalAmount(text: string, decimals: number, unit: AmountUnit, where: string): string {
  if (unit === 'base_units') {
    if (!BASE_UNITS.test(text))
      throw new AppFailure(
        'amount_not_canonical',
        `${where}: "${text.slice(0, 40)}" is not a whole number of base units. Write digits only (1500000 for 1.5 of a 6-decimal token).`
      )
    return formatAmountUnambiguous(BigInt(text), decimals)
  }
  if (!CANONICAL_DECIMAL.test(text))
    throw new AppFailure(
      'amount_not_canonical',
      `${where}: "${text.slice(0, 40)}" is not a canonical decimal. Write digits with "." as the decimal point and no grouping, e.g. 1234.5.`
    )
  const parsed = parseAmount(text, decimals, SYMBOL, { decimalSeparator: '.' })
  return parsed.ok ? formatAmountUnambiguous(parsed.value, decimals) : text
}

/**
 * Every recipient's amount made canonical, in a request body not yet checked against the contract:
 * anything that is not a list of recipients with text amounts is left for the contract's schema to
 * refuse with its own message. `path` names the list in messages ("recipients").
 */
export function canonicalRecipients(
  recipients: unknown,
  decimals: number,
  unit: AmountUnit,
  path = 'recipients'
): unknown {
  if (!Array.isArray(recipients)) return recipients
  return recipients.map((r: unknown, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return r
    // A desk's number format is for amounts typed in the app's window; here amounts are canonical.
    if ('amountFormat' in r)
      throw new AppFailure(
        'amount_not_canonical',
        `${path}[${i}].amountFormat: amounts sent here are canonical ("." as the decimal point, or base units with amountUnit); leave amountFormat out.`
      )
    const amount = (r as { amount?: unknown }).amount
    return typeof amount === 'string'
      ? { ...r, amount: canonicalAmount(amount, decimals, unit, `${path}[${i}].amount`) }
      : r
  })
}
