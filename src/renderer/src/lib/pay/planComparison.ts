// Runs in: renderer. The quote for a payout turned into what the review screen shows: each plan
// side by side (transactions, Ledger confirmations, network fee, what the device shows), why a
// plan is not offered and which rows are at fault, the totals, the payer's balances, and whether
// the chosen plan can be signed. Amounts stay bigint/base-unit strings until formatted here.
import type {
  DeviceDisplay,
  ExecutionQuoteView,
  PlanKindName,
  RowProblemView,
  ShortfallView
} from '../../../../shared/execution'
import { assertNever } from '../../../../shared/result'
import { formatBalance, formatMoney, type ShownBalance } from '../../../../shared/money'

/** Ether-like coins have 18 decimals; the quote's fees are in the native coin's base units. */
export const NATIVE_DECIMALS = 18

export interface PlanRowView {
  readonly kind: PlanKindName
  readonly label: string
  readonly proposed: boolean
  readonly available: boolean
  readonly transactions: number | null
  readonly confirmations: number | null
  readonly feeText: string | null
  readonly maxFeeText: string | null
  readonly display: DeviceDisplay | null
  readonly displayText: string | null
  /** Blocking: what is missing for this plan, one sentence each. */
  readonly shortfalls: readonly string[]
  /** Why the plan is not offered (unavailable plans only). */
  readonly reason: string | null
  readonly rows: readonly RowProblemView[]
}

export interface QuoteViewModel {
  readonly plans: readonly PlanRowView[]
  readonly initialPlan: PlanKindName | null
  readonly totalText: string
  /** The payer's balances at a glance, each with its exact value for the tooltip. */
  readonly nativeBalance: ShownBalance
  readonly tokenBalance: ShownBalance | null
  readonly payer: string
}

/** Fee estimates are shown to this many decimals, rounded up: an estimate never looks cheaper than it is. */
export const FEE_DISPLAY_DECIMALS = 6

/** A native-coin fee for people: rounded UP to FEE_DISPLAY_DECIMALS with bigint arithmetic, exact when shorter. */
export function formatFee(baseUnits: string, symbol: string): string {
  if (!/^[0-9]+$/.test(baseUnits)) return formatMoney(baseUnits, NATIVE_DECIMALS, symbol)
  const step = 10n ** BigInt(NATIVE_DECIMALS - FEE_DISPLAY_DECIMALS)
  const value = BigInt(baseUnits)
  const rounded = value % step === 0n ? value : (value / step + 1n) * step
  return `${rounded === value ? '' : '≈ '}${formatMoney(rounded, NATIVE_DECIMALS, symbol)}`
}

export function planLabel(kind: PlanKindName): string {
  switch (kind) {
    case 'batch':
      return 'Batch'
    case 'per_recipient':
      return 'One transaction per recipient'
    default:
      return assertNever(kind, 'plan kind')
  }
}

export function displayLabel(display: DeviceDisplay): string {
  switch (display) {
    case 'clear':
      return 'Clear details (recipient and amount)'
    case 'hash':
      return 'A hash to compare (blind signing)'
    case 'mixed':
      return 'Clear details for some, a hash for others'
    default:
      return assertNever(display, 'device display')
  }
}

export function shortfallMessage(s: ShortfallView): string {
  const money = (v: string): string => formatMoney(v, s.decimals, s.symbol)
  const what = s.asset === 'native' ? `${s.symbol} for the payments and network fees` : s.symbol
  return `Not enough ${what}: ${money(s.neededBaseUnits)} needed, ${money(s.availableBaseUnits)} available. Add ${money(s.missingBaseUnits)} to the payer account.`
}

export function buildQuoteView(quote: ExecutionQuoteView): QuoteViewModel {
  const fee = (v: string): string => formatFee(v, quote.nativeSymbol)
  const plans = quote.plans.map((p): PlanRowView => {
    const common = { kind: p.kind, label: planLabel(p.kind), proposed: quote.proposed === p.kind }
    if (!p.available) {
      return {
        ...common,
        available: false,
        transactions: null,
        confirmations: null,
        feeText: null,
        maxFeeText: null,
        display: null,
        displayText: null,
        shortfalls: [],
        reason: p.reason,
        rows: p.rows
      }
    }
    return {
      ...common,
      available: true,
      transactions: p.transactions,
      confirmations: p.deviceConfirmations,
      feeText: fee(p.estimatedFeeBaseUnits),
      maxFeeText: fee(p.maximumFeeBaseUnits),
      display: p.display,
      displayText: displayLabel(p.display),
      shortfalls: p.shortfalls.map(shortfallMessage),
      reason: null,
      rows: []
    }
  })
  const firstAvailable = plans.find((p) => p.available)?.kind ?? null
  return {
    plans,
    initialPlan: quote.proposed ?? firstAvailable,
    totalText: formatMoney(quote.totalBaseUnits, quote.assetDecimals, quote.assetSymbol),
    nativeBalance: formatBalance(quote.balances.nativeBaseUnits, NATIVE_DECIMALS, quote.nativeSymbol),
    tokenBalance:
      quote.balances.tokenBaseUnits === null
        ? null
        : formatBalance(quote.balances.tokenBaseUnits, quote.assetDecimals, quote.assetSymbol),
    payer: quote.payer
  }
}

export type SignCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string }

/** Whether "Sign and send" may be pressed for this plan: offered, and covered by the balances. */
export function checkCanSign(view: QuoteViewModel, plan: PlanKindName | null): SignCheck {
  if (plan === null) return { ok: false, reason: 'No plan can pay this payout. See the reasons above.' }
  const row = view.plans.find((p) => p.kind === plan)
  if (row === undefined || !row.available)
    return { ok: false, reason: `${planLabel(plan)} is not available for this payout.` }
  if (row.shortfalls.length > 0)
    return { ok: false, reason: 'The payer account does not cover this payout and its fees.' }
  return { ok: true }
}
