// Runs in: main (plain Node). An owner's desk importing a Safe transaction file: checked against
// the payout when this desk holds it, otherwise against the Safe on chain (one of this desk's
// treasury accounts) and the file's own rows, decoded back from the calldata with the network's
// asset they are paid in. A cancellation is kept with the payment it cancels, so the owner sees
// what it stops at the same number.
import { getAddress } from 'ethers'
import { SAFE_FILE_VERSION, readSafeTxFile, safeTxHash, type FileExpectation, type SafeTxBinding } from '../safe'
import { SAFE_ERROR } from '../safe/errors'
import { parseItemId } from '../domain/itemId'
import { appendAudit } from '../store/auditLog'
import { inTransaction } from '../store/db'
import { safeAccountId } from '../store/safeAccountRepo'
import {
  SAFE_TX_PURPOSE,
  SAFE_TX_STATUS,
  getSafeTxRow,
  insertSafeTx,
  type StoredRoute,
  type StoredSafeTx
} from '../store/safeTxRepo'
import { decodeContextOf, multiSendOn, readSafeOn, requireSafeAccount, type SafeServiceDeps } from './safeContext'
import { cancelExplanation, expectationOf } from './safePayoutState'

/** Errors that mean "decoded with the wrong asset": the next asset of the network is tried. */
const ASSET_MISMATCH: readonly string[] = [SAFE_ERROR.undecodable, SAFE_ERROR.rowsMismatch]

/** The few fields that say which payout, Safe and chain a file is for, before it is checked. */
function peek(
  bytes: Uint8Array
): { payoutId: string; chainId: number; safe: string; index: number; rows: unknown } | undefined {
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>
    if (json.version !== SAFE_FILE_VERSION || typeof json.payoutId !== 'string') return undefined
    return {
      payoutId: json.payoutId,
      chainId: Number(json.chainId),
      safe: String(json.safe),
      index: Number(json.index),
      rows: json.rows
    }
  } catch {
    return undefined
  }
}

/**
 * An owner's desk takes in a Safe transaction to sign, checked in full before it is kept (with the
 * payment it cancels, for a cancellation); returns the payout it belongs to.
 */
export async function importSafeTxFile(
  deps: SafeServiceDeps,
  actor: () => string,
  fileName: string,
  bytes: Uint8Array
): Promise<string> {
  const seen = peek(bytes)
  const held = seen === undefined ? undefined : liveExpectation(deps, seen.payoutId, seen.index)
  if (seen === undefined) readSafeTxFile(bytes, MALFORMED_PROBE) // throws: says why it is no Safe file
  const checked =
    held !== undefined
      ? { binding: readSafeTxFile(bytes, held.expected), assetId: held.assetId, sinceBlock: held.sinceBlock }
      : await standaloneExpectation(deps, bytes, seen!)
  const { binding } = checked
  const hash = safeTxHash(binding.chainId, binding.safe, binding.safeTx)
  const network = deps.catalogue.requireNetwork(Number(binding.chainId))
  const what = `of payout ${binding.payoutId} for Safe ${binding.safe} from ${fileName}`
  const { cancels } = binding
  const kept: Array<{ binding: SafeTxBinding; hash: string; detail: string }> = [
    // A cancellation is kept with the payment it cancels, so the owner sees both at the one number.
    ...(cancels === undefined
      ? []
      : [
          {
            binding: { ...binding, safeTx: cancels.safeTx, cancels: undefined },
            hash: cancels.safeTxHash,
            detail: `Safe transaction ${cancels.safeTxHash} (number ${cancels.safeTx.nonce}) ${what}, as the payment a cancellation cancels`
          }
        ]),
    {
      binding,
      hash,
      detail:
        cancels === undefined
          ? `Safe transaction ${hash} (number ${binding.safeTx.nonce}) ${what}`
          : `Cancellation ${hash} (number ${binding.safeTx.nonce}) of Safe transaction ${cancels.safeTxHash} ${what}`
    }
  ]
  const at = deps.now().toISOString()
  inTransaction(deps.db.write, () => {
    for (const k of kept) {
      if (getSafeTxRow(deps.db.write, k.hash) !== undefined) continue
      const route = routeOf(k.binding, network.batchContract)
      insertSafeTx(deps.db.write, importedTx(k.binding, k.hash, checked.assetId, route, checked.sinceBlock, at))
      appendAudit(deps.db.write, { actor: actor(), action: 'safe_tx_imported', payoutId: null, at, detail: k.detail })
    }
  })
  return binding.payoutId
}

/**
 * An owner's desk that does not hold the payout: the Safe must be one of its treasury accounts, and
 * the file's own rows, decoded back from its calldata with the network's asset they are paid in,
 * are what the owner is shown and signs.
 */
async function standaloneExpectation(
  deps: SafeServiceDeps,
  bytes: Uint8Array,
  seen: NonNullable<ReturnType<typeof peek>>
) {
  const account = requireSafeAccount(deps, safeAccountId(seen.chainId, getAddress(seen.safe)))
  const network = deps.catalogue.requireNetwork(seen.chainId)
  const info = await readSafeOn(deps, seen.chainId, account.address)
  const multiSend = (await multiSendOn(deps.rpcFor(seen.chainId), network, info.version)).address
  const rows = Array.isArray(seen.rows)
    ? (seen.rows as Array<{ itemId: string; to: string; amount: string }>).map((r, i) => ({
        itemId: String(r.itemId),
        row: rowOf(String(r.itemId), i + 1),
        to: String(r.to),
        amount: /^[0-9]+$/.test(String(r.amount)) ? BigInt(r.amount) : -1n
      }))
    : []
  let firstError: unknown
  for (const asset of deps.catalogue.assets(seen.chainId)) {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { payoutDigest?: string }
    const expected: FileExpectation = {
      payoutId: seen.payoutId,
      payoutDigest: String(json.payoutDigest ?? ''),
      chainId: BigInt(seen.chainId),
      safe: getAddress(seen.safe),
      rowsAt: () => rows,
      decode: decodeContextOf(network, asset.id, deps, multiSend)
    }
    try {
      return { binding: readSafeTxFile(bytes, expected), assetId: asset.id, sinceBlock: info.readAtBlock }
    } catch (e) {
      const code = (e as { code?: string }).code ?? ''
      if (!ASSET_MISMATCH.includes(code)) throw e
      firstError ??= e
    }
  }
  throw firstError
}

/**
 * The expectation when this desk already holds live Safe transactions of the payout. An owner's
 * desk holds only those it imported: the next one of the same payout (a payout split into several
 * Safe transactions) is checked on its own, like the first.
 */
function liveExpectation(
  deps: SafeServiceDeps,
  payoutId: string,
  index: number
): { expected: FileExpectation; assetId: string; sinceBlock: bigint } | undefined {
  try {
    const { expected, live } = expectationOf(deps, payoutId)
    if (live.every((t) => t.origin === 'imported') && expected.rowsAt(index) === undefined) return undefined
    return { expected, assetId: live[0]!.assetId, sinceBlock: live[0]!.sinceBlock }
  } catch {
    return undefined
  }
}

/** Used only to make readSafeTxFile explain why an unreadable file is not a Safe file. */
const MALFORMED_PROBE: FileExpectation = {
  payoutId: '',
  payoutDigest: '',
  chainId: 0n,
  safe: '0x0000000000000000000000000000000000000000',
  rowsAt: () => undefined,
  decode: {
    asset: { kind: 'native', symbol: '', decimals: 18 },
    multiSendCallOnly: undefined,
    batchContract: undefined
  }
}

function rowOf(itemId: string, fallback: number): number {
  try {
    return parseItemId(itemId).row
  } catch {
    return fallback // the file check names the bad item id
  }
}

/** Which route a Safe transaction from another desk pays by: the batch contract when it calls it. */
function routeOf(binding: SafeTxBinding, batchContract: string | null): StoredRoute {
  const tx = binding.safeTx
  const callsBatch =
    (batchContract !== null && getAddress(tx.to) === getAddress(batchContract)) ||
    (tx.operation === 1 && batchContract !== null && tx.data.includes(batchContract.slice(2).toLowerCase()))
  return callsBatch ? 'batch_contract' : 'transfers'
}

function importedTx(
  binding: SafeTxBinding,
  hash: string,
  assetId: string,
  route: StoredRoute,
  since: bigint,
  at: string
): StoredSafeTx {
  const { cancels } = binding
  return {
    safeTxHash: hash,
    payoutId: binding.payoutId,
    revision: binding.revision,
    payoutDigest: binding.payoutDigest,
    chainId: Number(binding.chainId),
    safe: binding.safe,
    assetId,
    origin: 'imported',
    purpose: cancels === undefined ? SAFE_TX_PURPOSE.payment : SAFE_TX_PURPOSE.cancel,
    route: cancels === undefined ? route : 'cancel',
    position: binding.index,
    planSize: binding.of,
    safeTx: binding.safeTx,
    rows: binding.rows,
    sinceBlock: since,
    state: SAFE_TX_STATUS.awaitingSignatures,
    explanation: cancels === undefined ? null : cancelExplanation(cancels.safeTx.nonce),
    executionHash: null,
    createdAt: at,
    updatedAt: at
  }
}
