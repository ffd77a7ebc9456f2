// Runs in: renderer. The Ledger's review screen for one transaction, as main computed it before the
// device asks: each field laid out for comparing by eye (a hash in groups of four, addresses whole
// in monospace), and what the person should check on this particular transaction.
import type { DeviceScreenView, PlanKindName } from '../../../../shared/execution'
import { digestGroups } from '../approvals/digest'

/** Labels the Ethereum app uses on its review screens (see main's ledgerSigner deviceScreen). */
export const SCREEN_LABEL = {
  amount: 'Amount',
  approve: 'Approve',
  spender: 'Spender',
  to: 'To',
  tokenContract: 'Token contract',
  hash: 'Transaction hash',
  network: 'Network',
  maxFees: 'Max fees'
} as const

export type ScreenFieldKind = 'hash' | 'address' | 'text'

export interface ScreenField {
  readonly label: string
  readonly value: string
  readonly kind: ScreenFieldKind
  /** For a hash: four characters per group, as a person reads it against the device. */
  readonly groups: readonly string[]
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const HASH = /^0x[0-9a-fA-F]{64}$/

export function screenFields(screen: DeviceScreenView): ScreenField[] {
  return screen.fields.map((f) => {
    if (HASH.test(f.value)) return { ...f, kind: 'hash', groups: digestGroups(f.value) }
    if (ADDRESS.test(f.value)) return { ...f, kind: 'address', groups: [] }
    return { ...f, kind: 'text', groups: [] }
  })
}

const valueOf = (screen: DeviceScreenView, label: string): string | null =>
  screen.fields.find((f) => f.label === label)?.value ?? null

/** What to compare on this screen, in one or two sentences that fit the transaction. */
export function whatToCheck(screen: DeviceScreenView, plan: PlanKindName | null): string {
  const fees = 'Max fees is the most the network can charge for it.'
  if (screen.blind) {
    const what =
      plan === 'batch'
        ? 'This is the batch payment: one transaction that pays every recipient of this payout.'
        : 'Your Ledger cannot decode this transaction.'
    return `${what} It shows a hash instead of the recipients: compare the hash on the device with the one here, group by group, and the amount and the address called. Reject on the device if anything differs. ${fees}`
  }
  const approving = valueOf(screen, SCREEN_LABEL.approve)
  if (approving !== null)
    return `This approval lets the batch contract take exactly ${approving} from the paying account, to pay the recipients in the next transaction. Check the amount and the spender. ${fees}`
  if (valueOf(screen, SCREEN_LABEL.tokenContract) !== null)
    return `One token transfer: check the amount, the recipient address and the token contract against this payout. ${fees}`
  return `One transfer: check the amount and the recipient address against this payout. ${fees}`
}
