// Runs in: main (plain Node). Owner signatures of a payout's Safe transactions: the file the
// drafting desk sends the owners, an owner's desk importing it (checked against itself, the Safe
// on chain and this desk's treasury accounts), signing on this desk's Ledger (the hash checked
// against the Safe and the calldata against the rows before the device is asked), the signature
// file an owner sends back, and importing it (verified against the owners on chain at that moment;
// another Safe, chain or nonce, a non-owner or a changed transaction is refused with the reason).
import { getAddress } from 'ethers'
import {
  SAFE_FILE_VERSION,
  currentOwners,
  readSafeSignatureFile,
  readSafeTxFile,
  safeSignatureFile,
  safeTxFile,
  safeTxHash,
  signSafeTx,
  verifyOwnerSignature,
  type FileExpectation,
  type SafeTxBinding
} from '../safe'
import { SAFE_ERROR, safeFailure } from '../safe/errors'
import { appendAudit } from '../store/auditLog'
import { inTransaction } from '../store/db'
import {
  SAFE_TX_PURPOSE,
  SAFE_TX_STATUS,
  getSafeTxRow,
  insertSafeSignature,
  insertSafeTx,
  signaturesOf,
  type StoredRoute,
  type StoredSafeTx
} from '../store/safeTxRepo'
import type { FileContent } from '../../shared/api'
import type { SafePayoutView } from '../../shared/safe'
import { decodeContextOf, multiSendOn, readSafeOn, requireSafeAccount, type SafeServiceDeps } from './safeContext'
import { bindingOf, expectationOf, formerOwnersOf, requireSafeTx, safePayoutView } from './safePayoutState'
import { safeAccountId } from '../store/safeAccountRepo'
import { parseItemId } from '../domain/itemId'

/** Errors that mean "decoded with the wrong asset": the next asset of the network is tried. */
const ASSET_MISMATCH: readonly string[] = [SAFE_ERROR.undecodable, SAFE_ERROR.rowsMismatch]

const fileOf = (fileName: string, bytes: Uint8Array): FileContent => ({
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64')
})

/** The few fields that say which payout, Safe and chain a file is for, before it is checked. */
function peek(bytes: Uint8Array): { payoutId: string; chainId: number; safe: string; rows: unknown } | undefined {
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>
    if (json.version !== SAFE_FILE_VERSION || typeof json.payoutId !== 'string') return undefined
    return { payoutId: json.payoutId, chainId: Number(json.chainId), safe: String(json.safe), rows: json.rows }
  } catch {
    return undefined
  }
}

export function createSafeSigning(deps: SafeServiceDeps, actor: () => string) {
  const stamp = (): string => deps.now().toISOString()

  async function view(payoutId: string): Promise<SafePayoutView> {
    const v = await safePayoutView(deps, payoutId)
    if (v === null) throw safeFailure(SAFE_ERROR.notPlanned, `Payout ${payoutId} has no Safe transaction here.`)
    return v
  }

  /**
   * An owner's desk that does not hold the payout: the Safe must be one of its treasury accounts, and
   * the file's own rows, decoded back from its calldata with the network's asset they are paid in,
   * are what the owner is shown and signs.
   */
  async function standaloneExpectation(bytes: Uint8Array, seen: NonNullable<ReturnType<typeof peek>>) {
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

  function claimOf(t: StoredSafeTx, s: { signer: string; signature: string }) {
    return {
      chainId: BigInt(t.chainId),
      safe: t.safe,
      nonce: t.safeTx.nonce,
      safeTxHash: t.safeTxHash,
      signer: s.signer,
      signature: s.signature
    }
  }

  return {
    exportTransaction(payoutId: string, hash: string): FileContent {
      const t = requireSafeTx(deps, payoutId, hash)
      if (t.purpose === SAFE_TX_PURPOSE.cancel)
        throw safeFailure(
          SAFE_ERROR.fileMalformed,
          'A cancellation is signed by the owners on this desk; it pays no rows, so it travels as no file.'
        )
      return fileOf(`${payoutId}-safe-tx-${t.safeTx.nonce}.json`, safeTxFile(bindingOf(t), stamp()))
    },

    /** An owner's desk takes in a Safe transaction to sign; checked in full before it is kept. */
    async importTransaction(fileName: string, bytes: Uint8Array): Promise<SafePayoutView> {
      const seen = peek(bytes)
      const held = seen === undefined ? undefined : liveExpectation(seen.payoutId)
      if (seen === undefined) readSafeTxFile(bytes, MALFORMED_PROBE) // throws: says why it is no Safe file
      const checked =
        held !== undefined
          ? { binding: readSafeTxFile(bytes, held.expected), assetId: held.assetId, sinceBlock: held.sinceBlock }
          : await standaloneExpectation(bytes, seen!)
      const { binding } = checked
      const hash = safeTxHash(binding.chainId, binding.safe, binding.safeTx)
      if (getSafeTxRow(deps.db.read, hash) === undefined) {
        const at = stamp()
        const network = deps.catalogue.requireNetwork(Number(binding.chainId))
        inTransaction(deps.db.write, () => {
          insertSafeTx(
            deps.db.write,
            importedTx(binding, hash, checked.assetId, routeOf(binding, network.batchContract), checked.sinceBlock, at)
          )
          appendAudit(deps.db.write, {
            actor: actor(),
            action: 'safe_tx_imported',
            payoutId: null,
            at,
            detail: `Safe transaction ${hash} (number ${binding.safeTx.nonce}) of payout ${binding.payoutId} for Safe ${binding.safe} from ${fileName}`
          })
        })
      }
      return view(binding.payoutId)
    },

    /** This desk's Ledger signs as an owner, after the checks; the signature is kept with the transaction. */
    async sign(payoutId: string, hash: string, accountPath: string): Promise<SafePayoutView> {
      const t = requireSafeTx(deps, payoutId, hash)
      if (t.state !== SAFE_TX_STATUS.awaitingSignatures)
        throw safeFailure(
          SAFE_ERROR.alreadyExecuted,
          `This Safe transaction is ${t.state.replace('_', ' ')}: nothing to sign.`
        )
      const rpc = deps.rpcFor(t.chainId)
      const { owners } = await currentOwners(rpc, t.safe)
      const address = (await deps.ledger().signer(accountPath)).address
      if (!owners.includes(getAddress(address)))
        throw safeFailure(
          SAFE_ERROR.signerNotOwner,
          `The Ledger account ${address} is not an owner of the Safe ${t.safe}. Connect an owner's Ledger or choose the owner's account.`
        )
      const network = deps.catalogue.requireNetwork(t.chainId)
      const signed = await signSafeTx(rpc, deps.ledger(), accountPath, {
        chainId: BigInt(t.chainId),
        safe: t.safe,
        safeTx: t.safeTx,
        rows: t.purpose === SAFE_TX_PURPOSE.cancel ? [] : t.rows,
        decode: decodeContextOf(network, t.assetId, deps, t.safeTx.operation === 1 ? t.safeTx.to : undefined)
      })
      const signer = verifyOwnerSignature(
        { chainId: BigInt(t.chainId), safe: t.safe, safeTx: t.safeTx },
        signed,
        owners
      )
      const at = stamp()
      inTransaction(deps.db.write, () => {
        insertSafeSignature(deps.db.write, {
          safeTxHash: t.safeTxHash,
          signer,
          signature: signed.signature,
          mode: signed.mode,
          source: 'device',
          sourceFile: null,
          signedAt: at,
          recordedAt: at
        })
        appendAudit(deps.db.write, {
          actor: deps.nameOf(signer) ?? signer,
          action: 'safe_signed',
          payoutId: t.origin === 'planned' ? payoutId : null,
          at,
          detail: `${signer} signed Safe transaction ${t.safeTxHash} (number ${t.safeTx.nonce}) on this desk's Ledger (${signed.mode} EIP-712)`
        })
      })
      return view(payoutId)
    },

    exportSignature(payoutId: string, hash: string, signer: string): FileContent {
      const t = requireSafeTx(deps, payoutId, hash)
      const s = signaturesOf(deps.db.read, t.safeTxHash).find((x) => x.signer === getAddress(signer))
      if (s === undefined)
        throw safeFailure(
          SAFE_ERROR.signatureInvalid,
          `${getAddress(signer)} has not signed this Safe transaction here.`
        )
      const bytes = safeSignatureFile(bindingOf(t), { ...claimOf(t, s), mode: s.mode }, s.signedAt)
      return fileOf(`${payoutId}-safe-tx-${t.safeTx.nonce}-signed-by-${s.signer.slice(0, 10)}.json`, bytes)
    },

    /** A signature file from an owner's desk, verified against the owners on chain now, then kept. */
    async importSignature(payoutId: string, fileName: string, bytes: Uint8Array): Promise<SafePayoutView> {
      const { expected, live } = expectationOf(deps, payoutId)
      const { binding, claim, mode } = readSafeSignatureFile(bytes, expected)
      const t = live.find((x) => x.position === binding.index)
      if (t === undefined)
        throw safeFailure(
          SAFE_ERROR.fileWrongPayout,
          `This payout has no Safe transaction number ${binding.index + 1}.`
        )
      const { owners } = await currentOwners(deps.rpcFor(t.chainId), t.safe)
      const signer = verifyOwnerSignature(
        { chainId: BigInt(t.chainId), safe: t.safe, safeTx: t.safeTx },
        claim,
        owners,
        formerOwnersOf(deps, t.chainId, t.safe)
      )
      const at = stamp()
      inTransaction(deps.db.write, () => {
        const added = insertSafeSignature(deps.db.write, {
          safeTxHash: t.safeTxHash,
          signer,
          signature: claim.signature,
          mode,
          source: 'file',
          sourceFile: fileName,
          signedAt: at,
          recordedAt: at
        })
        if (added)
          appendAudit(deps.db.write, {
            actor: deps.nameOf(signer) ?? signer,
            action: 'safe_signature_imported',
            payoutId: t.origin === 'planned' ? payoutId : null,
            at,
            detail: `${signer} signed Safe transaction ${t.safeTxHash} (number ${t.safeTx.nonce}) on another desk; file ${fileName}`
          })
      })
      return view(payoutId)
    }
  }

  /** The expectation when this desk already holds live Safe transactions of the payout. */
  function liveExpectation(
    payoutId: string
  ): { expected: FileExpectation; assetId: string; sinceBlock: bigint } | undefined {
    try {
      const { expected, live } = expectationOf(deps, payoutId)
      return { expected, assetId: live[0]!.assetId, sinceBlock: live[0]!.sinceBlock }
    } catch {
      return undefined
    }
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
  return {
    safeTxHash: hash,
    payoutId: binding.payoutId,
    revision: binding.revision,
    payoutDigest: binding.payoutDigest,
    chainId: Number(binding.chainId),
    safe: binding.safe,
    assetId,
    origin: 'imported',
    purpose: SAFE_TX_PURPOSE.payment,
    route,
    position: binding.index,
    planSize: binding.of,
    safeTx: binding.safeTx,
    rows: binding.rows,
    sinceBlock: since,
    state: SAFE_TX_STATUS.awaitingSignatures,
    explanation: null,
    executionHash: null,
    createdAt: at,
    updatedAt: at
  }
}

export type SafeSigning = ReturnType<typeof createSafeSigning>
