// Runs in: main (plain Node). The chain's word on the paying account before rows are signed: a row
// reads as unpaid because this data folder holds no record of a payment, and a folder restored
// from a backup or copied before payments were made holds none of the payments made since. So the
// account's transactions this journal does not hold (chain/unrecordedSends.ts) are read back: none,
// or only ones that pay none of the rows' recipients their amount, and signing goes on; one that
// paid a row's recipient its amount, or one that cannot be read (too many, not served, a call this
// app cannot read), refuses the signing until someone has looked at the account's history and said
// so. That statement is signed by the paying account on its device (whoever edits the file cannot
// make it for the person who holds the device), covers the account's transactions up to the number
// it names, and is in the audit log; the next unrecorded transaction is asked about again.
import { getAddress, verifyMessage } from 'ethers'
import { AppFailure } from '../../../shared/errors'
import { readUnrecordedSends, MAX_SENDS_READ, type UnrecordedSends } from '../../chain/unrecordedSends'
import { TX_PURPOSE, type EthRpc, type PaymentRow } from '../../chain'
import { appendAudit } from '../../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../../store/db'
import { readRawSetting, writeRawSetting } from '../../store/settingsRepo'

/** At most this many rows are named in a refusal; the count covers them all. */
const ROWS_NAMED = 10

const checkedKey = (chainId: number, account: string): string =>
  `account.${chainId}.${account.toLowerCase()}.checkedThrough`

/** What the paying account signs (EIP-191) to say its transactions up to `through - 1` were looked at. */
export function statementText(input: {
  readonly chainId: number
  readonly account: string
  readonly through: number
  readonly payoutId: string
}): string {
  return [
    'Treasury: transactions looked at',
    `Account: ${getAddress(input.account)}`,
    `Chain: ${input.chainId}`,
    `Up to number: ${input.through - 1}`,
    `While paying: ${input.payoutId}`,
    'None of these transactions paid rows waiting to be paid.'
  ].join('\n')
}

interface StoredStatement {
  readonly through: number
  readonly payoutId: string
  readonly signature: string
}

function isStoredStatement(value: unknown): value is StoredStatement {
  const v = value as Partial<StoredStatement> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.through === 'number' &&
    Number.isSafeInteger(v.through) &&
    v.through > 0 &&
    typeof v.payoutId === 'string' &&
    typeof v.signature === 'string'
  )
}

/**
 * The account's count of transactions someone has looked at on the chain (0 when nobody has): the
 * statement stored for it counts only when the account itself signed it, so whoever can edit the
 * file cannot say it for the person who holds the device.
 */
export function checkedThrough(db: OpenedDatabase, chainId: number, account: string): number {
  const stored = readRawSetting(db.read, checkedKey(chainId, account))
  if (!isStoredStatement(stored)) return 0
  try {
    const signer = verifyMessage(statementText({ chainId, account, ...stored }), stored.signature)
    return signer.toLowerCase() === account.toLowerCase() ? stored.through : 0
  } catch {
    return 0
  }
}

/** A row queued here whose recipient and amount an unrecorded transaction paid. */
interface PaidAlike {
  readonly row: number
  readonly hash: string
  readonly nonce: number
}

/** What the unrecorded transactions show against `rows`: rows they paid, and how many could not be judged. */
export function judgeSends(
  found: UnrecordedSends,
  rows: readonly PaymentRow[]
): { readonly paid: readonly PaidAlike[]; readonly unjudged: number } {
  if (found.sends === null) return { paid: [], unjudged: found.next - found.first }
  const queued = new Map<string, PaymentRow[]>()
  for (const r of rows) {
    const key = `${r.to.toLowerCase()}:${r.amount}`
    const same = queued.get(key)
    if (same === undefined) queued.set(key, [r])
    else same.push(r) // rows repeating one recipient and amount: no copy per row
  }
  const paid: PaidAlike[] = []
  let unjudged = 0
  for (const send of found.sends) {
    if (send.kind === 'not_found') {
      unjudged++
      continue
    }
    switch (send.effect.kind) {
      case TX_PURPOSE.payment: {
        const matched: PaidAlike[] = []
        for (const p of send.effect.payments)
          for (const r of queued.get(`${p.to.toLowerCase()}:${p.amount}`) ?? [])
            matched.push({ row: r.row, hash: send.hash, nonce: send.nonce })
        // A receipt cannot be checked against a signature as the transaction can: "reverted" from
        // one endpoint is not evidence enough that rows it would have paid are unpaid, so a person looks.
        if (send.succeeded === false) unjudged += matched.length === 0 ? 0 : 1
        else paid.push(...matched)
        break
      }
      case TX_PURPOSE.approve:
      case TX_PURPOSE.cancel:
        break
      case 'unreadable':
        unjudged++
        break
      default: {
        const unexpected: never = send.effect
        throw new Error(`Unknown effect ${String(unexpected)}`)
      }
    }
  }
  return { paid, unjudged }
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

function refusal(
  found: UnrecordedSends,
  verdict: ReturnType<typeof judgeSends>,
  at: { readonly chainId: number; readonly network: string; readonly account: string; readonly firstUse: boolean }
): AppFailure {
  const count = found.next - found.first
  const numbers = count === 1 ? `number ${found.first}` : `numbers ${found.first} to ${found.next - 1}`
  const opening = at.firstUse
    ? `Nothing was signed: this is the first payment this app makes from ${at.account} on ${at.network}, and the network shows ${plural(count, 'transaction')} sent from it before, which this app did not send (${numbers}).`
    : `Nothing was signed: the paying account ${at.account} has sent ${plural(count, 'transaction')} on ${at.network} that this app's records do not hold (${numbers}).`
  const rowsPaid = [...new Set(verdict.paid.map((p) => p.row))].sort((a, b) => a - b)
  const paidText =
    rowsPaid.length === 0
      ? ''
      : ` ${verdict.paid
          .slice(0, ROWS_NAMED)
          .map((p) => `Transaction ${p.hash} (number ${p.nonce}) paid the recipient of row ${p.row} its amount`)
          .join('; ')}${verdict.paid.length > ROWS_NAMED ? `; and ${verdict.paid.length - ROWS_NAMED} more` : ''}.`
  const unjudgedText =
    found.sends === null
      ? ` They are too many to read back here (more than ${MAX_SENDS_READ}).`
      : verdict.unjudged === 0
        ? ''
        : ` ${verdict.unjudged} of them could not be read back (the endpoint does not serve ${verdict.unjudged === 1 ? 'it' : 'them'} as the account signed ${verdict.unjudged === 1 ? 'it' : 'them'}, or ${verdict.unjudged === 1 ? 'it calls' : 'they call'} a contract this app cannot read).`
  const disagreement =
    found.agreed >= found.next
      ? ''
      : ` The network's endpoints disagree about how many transactions the account has sent (from ${found.agreed} to ${found.next}): numbers from ${found.agreed} on may not exist, and nobody can say they were looked at until the endpoints agree. Check the endpoints in Settings.`
  // Evidence of a payment is a warning of a payment made twice; an account used before is a question.
  const why =
    rowsPaid.length > 0
      ? ' A data folder restored from a backup, or copied before payments were made, lacks the records of those payments, and paying now would pay their rows twice.'
      : at.firstUse
        ? " If any of them paid this payout's rows (from another wallet, another desk, or another copy of this app's data), paying now would pay those rows twice."
        : " If this data folder was restored from a backup or copied before payments were made, some of them may have paid this payout's rows, and paying now would pay those rows twice."
  return new AppFailure(
    'unrecorded_sends',
    `${opening}${paidText}${unjudgedText}${disagreement}${why} Look the account up on the network's explorer; once you are sure none of those transactions paid rows waiting to be paid here, in this payout or another, say so to pay.`,
    { chainId: at.chainId, account: at.account, through: found.next, agreed: found.agreed, rows: rowsPaid }
  )
}

export interface UnrecordedCheckInput {
  readonly rpc: EthRpc
  readonly witnesses: readonly EthRpc[]
  readonly chainId: number
  readonly network: string
  readonly account: string
  /** The journal's highest number for the account on this network; undefined when it holds none. */
  readonly recorded: number | undefined
  /** The rows about to be signed. */
  readonly rows: readonly PaymentRow[]
}

/** Refuses (unrecorded_sends) as the header says; reads nothing past the last statement that the account was checked. */
export async function assertNoUnrecordedSends(db: OpenedDatabase, input: UnrecordedCheckInput): Promise<void> {
  const checked = checkedThrough(db, input.chainId, input.account)
  const first = Math.max(input.recorded === undefined ? 0 : input.recorded + 1, checked)
  const found = await readUnrecordedSends(input.rpc, input.witnesses, BigInt(input.chainId), input.account, first)
  if (found.next <= found.first) return
  const verdict = judgeSends(found, input.rows)
  if (found.sends !== null && verdict.paid.length === 0 && verdict.unjudged === 0) return
  throw refusal(found, verdict, {
    chainId: input.chainId,
    network: input.network,
    account: input.account,
    // Neither a payment of this folder's nor a statement about the account: it is new here.
    firstUse: input.recorded === undefined && checked === 0
  })
}

/**
 * The paying account's statement, signed on its device, that its transactions up to (not
 * including) number `through` were looked at and none paid rows queued here: they are not asked
 * about again. Recorded in the audit log under `actor`.
 */
export function recordUnrecordedSendsStatement(
  db: OpenedDatabase,
  input: {
    readonly chainId: number
    readonly network: string
    readonly account: string
    readonly through: number
    readonly payoutId: string
    readonly signature: string
    readonly actor: string
    readonly at: string
  }
): void {
  const statement: StoredStatement = { through: input.through, payoutId: input.payoutId, signature: input.signature }
  inTransaction(db.write, () => {
    if (checkedThrough(db, input.chainId, input.account) >= input.through) return
    writeRawSetting(db.write, checkedKey(input.chainId, input.account), statement)
    appendAudit(db.write, {
      actor: input.actor,
      action: 'account_history_checked',
      payoutId: input.payoutId,
      at: input.at,
      detail: `Checked on ${input.network}, signed by ${input.account}: its transactions up to number ${input.through - 1}, which this app has no record of, paid no row waiting to be paid`
    })
  })
}
