// Runs in: main (plain Node). Owner signatures of a payout's Safe transactions: the file the
// drafting desk sends the owners, an owner's desk importing it (checked against itself, the Safe
// on chain and this desk's treasury accounts), signing on this desk's Ledger (the hash checked
// against the Safe and the calldata against the rows before the device is asked), the signature
// file an owner sends back, and importing it (verified against the owners on chain at that moment;
// another Safe, chain or nonce, a non-owner or a changed transaction is refused with the reason).
import { getAddress } from 'ethers'
import {
  currentOwners,
  readSafeSignatureFile,
  safeSignatureFile,
  safeTxFile,
  safeTxHash,
  signSafeTx,
  verifyOwnerSignature
} from '../safe'
import { SAFE_ERROR, safeFailure } from '../safe/errors'
import { appendAudit } from '../store/auditLog'
import { inTransaction } from '../store/db'
import {
  SAFE_TX_PURPOSE,
  SAFE_TX_STATUS,
  insertSafeSignature,
  signaturesOf,
  type StoredSafeTx
} from '../store/safeTxRepo'
import type { FileContent } from '../../shared/api'
import type { SafePayoutView } from '../../shared/safe'
import { decodeContextOf, type SafeServiceDeps } from './safeContext'
import { bindingOf, expectationOf, formerOwnersOf, liveSafeTxs, requireSafeTx, safePayoutView } from './safePayoutState'
import { importSafeTxFile } from './safeTxImport'

const fileOf = (fileName: string, bytes: Uint8Array): FileContent => ({
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64')
})

export function createSafeSigning(deps: SafeServiceDeps, actor: () => string) {
  const stamp = (): string => deps.now().toISOString()

  async function view(payoutId: string): Promise<SafePayoutView> {
    const v = await safePayoutView(deps, payoutId)
    if (v === null) throw safeFailure(SAFE_ERROR.notPlanned, `Payout ${payoutId} has no Safe transaction here.`)
    return v
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
      const name = `${payoutId}-safe-tx-${t.safeTx.nonce}${t.purpose === SAFE_TX_PURPOSE.cancel ? '-cancel' : ''}.json`
      return fileOf(name, safeTxFile(bindingOf(deps, t), stamp()))
    },

    /** An owner's desk takes in a Safe transaction to sign; checked in full before it is kept. */
    async importTransaction(fileName: string, bytes: Uint8Array): Promise<SafePayoutView> {
      return view(await importSafeTxFile(deps, actor, fileName, bytes))
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
      const bytes = safeSignatureFile(bindingOf(deps, t), { ...claimOf(t, s), mode: s.mode }, s.signedAt)
      return fileOf(`${payoutId}-safe-tx-${t.safeTx.nonce}-signed-by-${s.signer.slice(0, 10)}.json`, bytes)
    },

    /** A signature file from an owner's desk, verified against the owners on chain now, then kept. */
    async importSignature(payoutId: string, fileName: string, bytes: Uint8Array): Promise<SafePayoutView> {
      const { expected } = expectationOf(deps, payoutId)
      const { binding, claim, mode } = readSafeSignatureFile(bytes, expected)
      const hash = safeTxHash(binding.chainId, binding.safe, binding.safeTx)
      const t = liveSafeTxs(deps, payoutId).find((x) => x.safeTxHash === hash)
      if (t === undefined)
        throw safeFailure(
          SAFE_ERROR.fileWrongPayout,
          binding.cancels === undefined
            ? `This payout has no Safe transaction ${hash} (number ${binding.safeTx.nonce}) waiting for signatures here.`
            : `This desk has planned no cancellation ${hash} of Safe transaction number ${binding.safeTx.nonce}. Plan the cancellation here first.`
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
}

export type SafeSigning = ReturnType<typeof createSafeSigning>
