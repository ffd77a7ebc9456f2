// Runs in: renderer. What the user is told and checked before "Speed up", "Cancel" (of one
// transaction not yet mined) and "Retry failed rows": which Ledger account must sign (the one that
// sent the original, whatever payer is chosen now), and in plain words what will happen to the
// rows and the fees. Pure, so every wording and rule is tested without a page.
import type { AccountView, PayoutTransactionView } from '../../../../shared/execution'
import { assertNever } from '../../../../shared/result'

export const REPLACEMENT_KIND = { speedUp: 'speed_up', cancel: 'cancel' } as const
export type ReplacementKind = (typeof REPLACEMENT_KIND)[keyof typeof REPLACEMENT_KIND]

export const SIGNER_CHECK = { ok: 'ok', unverified: 'unverified', mismatch: 'mismatch' } as const

export type SignerCheck =
  /** The chosen payer account is the one that sent the transaction. */
  | { readonly kind: typeof SIGNER_CHECK.ok; readonly path: string }
  /** The chosen account's address is not read from the Ledger yet; main checks it before signing. */
  | { readonly kind: typeof SIGNER_CHECK.unverified; readonly path: string; readonly message: string }
  /** Another account is chosen: signing is blocked. `knownPath` is the sender's path when it was read. */
  | {
      readonly kind: typeof SIGNER_CHECK.mismatch
      readonly needed: string
      readonly knownPath: string | null
      readonly message: string
    }

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function accountName(a: AccountView): string {
  return `Account ${a.index + 1} (${a.scheme === 'legacy' ? 'legacy' : 'Ledger Live'} path ${a.path})`
}

/**
 * A replacement must be signed by the account that sent the original (same sender, same nonce).
 * `chosenPath` is the payer picker's choice; `accounts` are those read from the Ledger so far.
 */
export function checkReplacementSigner(
  from: string,
  chosenPath: string,
  accounts: readonly AccountView[]
): SignerCheck {
  const chosen = accounts.find((a) => a.path === chosenPath)
  if (chosen !== undefined && sameAddress(chosen.address, from)) return { kind: SIGNER_CHECK.ok, path: chosenPath }
  if (chosen === undefined) {
    return {
      kind: SIGNER_CHECK.unverified,
      path: chosenPath,
      message: `It must be signed by ${from}, the account that sent it. The address of the chosen account (${chosenPath}) has not been read from the Ledger yet; it is checked before anything is signed.`
    }
  }
  const sender = accounts.find((a) => sameAddress(a.address, from)) ?? null
  const where =
    sender === null
      ? 'Choose that account as the payer above (read more accounts from the Ledger if it is not listed).'
      : `That is ${accountName(sender)}: choose it as the payer above.`
  return {
    kind: SIGNER_CHECK.mismatch,
    needed: from,
    knownPath: sender?.path ?? null,
    message: `This transaction was sent from ${from}, so only that account can replace it. The chosen payer is ${chosen.address}. ${where}`
  }
}

function rowsPhrase(rows: number): string {
  return rows === 1 ? 'the 1 row it pays' : `the ${rows} rows it pays`
}

/** The confirm dialog's explanation of a speed-up or cancel, in the order things will happen. */
export function replacementExplanation(
  kind: ReplacementKind,
  tx: Pick<PayoutTransactionView, 'nonce' | 'rows' | 'purpose'>,
  nativeSymbol: string
): readonly string[] {
  const ledger = 'Your Ledger will ask you to confirm the new transaction; nothing is sent until you do.'
  const race =
    'Whichever of the two is mined first decides; the other is dropped by the network, so nothing is paid twice.'
  switch (kind) {
    case REPLACEMENT_KIND.speedUp:
      return [
        `A new transaction with the same nonce (${tx.nonce}) and higher network fees takes this one's place. It does exactly the same thing: ${tx.purpose === 'cancel' ? 'it cancels the same payment' : `it pays ${rowsPhrase(tx.rows)}, the same amounts to the same addresses`}.`,
        race,
        'The higher fee is only paid by the one that is mined.',
        ledger
      ]
    case REPLACEMENT_KIND.cancel:
      return [
        `A transaction of 0 ${nativeSymbol} from the payer to itself, with the same nonce (${tx.nonce}) and higher network fees, competes with this one.`,
        tx.purpose === 'approve'
          ? 'If the cancel is mined first, the token allowance is not given and the rows of the batch that needs it are not paid; they are marked failed and can be retried.'
          : `If the cancel is mined first, ${rowsPhrase(tx.rows)} ${tx.rows === 1 ? 'is' : 'are'} not paid: marked failed, and can be retried later. If the original is mined first, ${tx.rows === 1 ? 'it is' : 'they are'} paid as planned.`,
        `Either way a network fee in ${nativeSymbol} is spent.`,
        ledger
      ]
    default:
      return assertNever(kind, 'replacement kind')
  }
}

export function replacementTitle(kind: ReplacementKind): string {
  switch (kind) {
    case REPLACEMENT_KIND.speedUp:
      return 'Speed up this transaction'
    case REPLACEMENT_KIND.cancel:
      return 'Cancel this transaction'
    default:
      return assertNever(kind, 'replacement kind')
  }
}

/** The confirm text of "Retry failed rows": exactly which rows go again and that paid ones never do. */
export function retryExplanation(counts: { readonly failed: number; readonly paid: number }): readonly string[] {
  const failed = counts.failed === 1 ? 'The 1 failed row is' : `The ${counts.failed} failed rows are`
  const paid =
    counts.paid === 0
      ? 'Paid rows are never paid again (no row of this payout has been paid yet).'
      : `The ${counts.paid} row${counts.paid === 1 ? ' that was' : 's that were'} paid ${counts.paid === 1 ? 'is' : 'are'} never paid again.`
  return [
    `${failed} queued to be paid again and the payout goes back to In progress.`,
    paid,
    'Nothing is signed yet: you then review the fees and sign on your Ledger as before.'
  ]
}

/** Why "Cancel payout" is gone once anything was sent, and what can be done instead. */
export const CANCEL_AFTER_SEND_HINT =
  'Transactions of this payout may still pay, so it cannot be cancelled now. A transaction not yet mined can be sped up or cancelled one by one below; a cancel that is mined first leaves its rows unpaid. Once every transaction has settled (and rows that need checking are resolved), the unpaid rest can be cancelled.'
