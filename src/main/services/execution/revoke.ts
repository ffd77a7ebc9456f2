// Runs in: main (plain Node). Taking back the token allowance a payout's approval left with the
// batch contract, once its unpaid rest was cancelled: an approve of 0, signed on the device by the
// account that gave it, recorded in the journal before it is sent, like any transaction. Refused
// when there is nothing to take back, or while a batch of that account may still spend it.
import { getAddress } from 'ethers'
import {
  CHAIN_ERROR,
  ChainError,
  TX_PURPOSE,
  TX_STATE,
  planRevoke,
  quoteFees,
  readAllowance,
  type EthRpc,
  type ExecutionJournal,
  type ExecutionPlan,
  type ExecutionReport,
  type FeePolicy
} from '../../chain'
import type { TransactionSigner } from '../../chain/signer'
import { AppFailure } from '../../../shared/errors'
import type { Catalogue } from '../../domain/catalogue'
import { appendAudit } from '../../store/auditLog'
import { inTransaction, type WriteDb } from '../../store/db'
import { listPayoutTransactions } from '../../store/journalRepo'
import { hasOpenTransaction, type StoredPayout } from '../../store/payoutRepo'
import { allowanceInUse } from './openRows'
import { planAssetOf } from './planning'

export interface RevokeDeps {
  readonly db: WriteDb
  readonly catalogue: Catalogue
  readonly journal: ExecutionJournal
  readonly rpc: EthRpc
  readonly signer: (accountPath: string) => Promise<TransactionSigner>
  /** Runs `job` with the network's tracking paused (reads, plan and signing see one chain state). */
  readonly exclusive: <T>(job: () => Promise<T>) => Promise<T>
  /** Signs, records and sends the plan through the network's executor (already inside `exclusive`). */
  readonly execute: (plan: ExecutionPlan, signer: TransactionSigner) => Promise<ExecutionReport>
  readonly now: () => string
  readonly feePolicy?: FeePolicy
}

const nothing = (why: string): AppFailure => new AppFailure('nothing_to_revoke', why)

export async function revokeLeftAllowance(
  deps: RevokeDeps,
  p: StoredPayout,
  options: { readonly accountPath: string; readonly actor: string }
): Promise<{ readonly hash: string }> {
  const asset = deps.catalogue.requireAsset(p.assetId)
  const network = deps.catalogue.requireNetwork(p.chainId)
  const token = planAssetOf(asset)
  const contract = network.batchContract
  if (token.kind !== 'erc20' || contract === null)
    throw nothing(`This payout pays in ${asset.symbol} without a batch allowance: there is nothing to revoke.`)
  if (hasOpenTransaction(deps.db, p.id))
    throw new AppFailure(
      'already_sending',
      "This payout's transactions are still on their way. Revoke once they have settled."
    )
  const owner = listPayoutTransactions(deps.db, p.id)
    .filter((t) => t.purpose === TX_PURPOSE.approve && t.state === TX_STATE.confirmed)
    .at(-1)?.from
  if (owner === undefined) throw nothing('This payout never gave the batch contract an allowance.')
  const signer = await deps.signer(options.accountPath)
  if (getAddress(signer.address) !== getAddress(owner))
    throw new ChainError(
      CHAIN_ERROR.signerMismatch,
      `The allowance was given by ${owner}; connect that account to revoke it.`
    )
  const result = await deps.exclusive(async () => {
    const inUse = allowanceInUse(await deps.journal.listUnsettled(), {
      chainId: BigInt(p.chainId),
      from: owner,
      token: token.address,
      batchContract: contract
    })
    if (inUse > 0n)
      throw new AppFailure(
        'already_sending',
        'Another batch from this account is still waiting to spend the allowance. Revoke once it has settled.'
      )
    if ((await readAllowance(deps.rpc, token.address, owner, contract)) === 0n)
      throw nothing('No allowance is left: the batch contract can no longer move tokens of this account.')
    const plan = await planRevoke({
      rpc: deps.rpc,
      chainId: BigInt(p.chainId),
      from: owner,
      token,
      batchContract: contract,
      fees: await quoteFees(deps.rpc, deps.feePolicy)
    })
    return deps.execute(plan, signer)
  })
  const hash = result.signed[0]
  if (hash === undefined) throw result.stopped?.error ?? new Error('the revoke was neither signed nor stopped')
  inTransaction(deps.db, () =>
    appendAudit(deps.db, {
      actor: options.actor,
      action: 'allowance_revoked',
      payoutId: p.id,
      at: deps.now(),
      detail: `${options.actor} revoked the batch contract's ${asset.symbol} allowance of ${owner}: ${hash}`
    })
  )
  return { hash }
}
