// Runs in: main (plain Node). The gas of a Safe's own `execTransaction` for a Safe transaction that
// nobody has signed yet. eth_estimateGas runs the real call against the real Safe with a state
// override that marks the hash approved (`approvedHashes[owner][hash] = 1`, the on-chain approval
// the Safe itself accepts) for `threshold` real owners, and signatures of that form (v = 1). So the
// Safe's real checks, its threshold loop, the MultiSend and every transfer run exactly; the
// override also funds the Safe (so a payout larger than today's balance still shows its cost). An
// owner's ECDSA signature costs a little more to check than an approval: SIGNATURE_GAS_ALLOWANCE
// per signature covers ecrecover and the longer calldata. A queued transaction (a nonce after the
// Safe's) is estimated with the Safe's nonce set to it. At execution the call is estimated
// again with the collected signatures and no override at all.
import { AbiCoder, getAddress, keccak256, toBeHex, zeroPadValue } from 'ethers'
import type { CallRequest, EthRpc, StateOverride } from '../chain/ethRpc'
import type { PlanAsset } from '../chain/planTypes'
import { SIMULATION_NATIVE_BALANCE } from '../chain/simulate'
import { balanceSlotOf, probeTokenSlots, type TokenSlots } from '../chain/tokenOverrides'
import { APPROVED_HASHES_SLOT, NONCE_SLOT, safeInterface } from './abi'
import { safeTxArgs, safeTxHash, type SafeTx } from './safeTx'

/** ecrecover (3,000) plus the extra calldata of a 65-byte ECDSA signature over an approval's, rounded up. */
export const SIGNATURE_GAS_ALLOWANCE = 5_000n
/** v of a signature that says "this owner approved the hash on chain (or is the sender)". */
const APPROVED_HASH_V = 1

const coder = AbiCoder.defaultAbiCoder()
const word = (n: bigint): string => zeroPadValue(toBeHex(n), 32)

export function approvedHashSlot(owner: string, hash: string): string {
  const inner = keccak256(coder.encode(['address', 'uint256'], [owner, APPROVED_HASHES_SLOT]))
  return keccak256(coder.encode(['bytes32', 'bytes32'], [hash, inner]))
}

/** The owners whose approvals the estimate uses: the first `threshold` in the order signatures must come. */
export function simulatedSigners(owners: readonly string[], threshold: number): string[] {
  return [...owners]
    .map((o) => getAddress(o))
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
    .slice(0, threshold)
}

function approvalSignatures(signers: readonly string[]): string {
  return (
    '0x' +
    signers
      .map((s) => zeroPadValue(s, 32).slice(2) + word(0n).slice(2) + APPROVED_HASH_V.toString(16).padStart(2, '0'))
      .join('')
  )
}

export function execTransactionData(tx: SafeTx, signatures: string): string {
  return safeInterface.encodeFunctionData('execTransaction', [...safeTxArgs(tx), signatures])
}

export interface ExecSimulationContext {
  readonly rpc: EthRpc
  readonly chainId: bigint
  readonly safe: string
  readonly owners: readonly string[]
  readonly threshold: number
  readonly asset: PlanAsset
  /** Who sends execTransaction in the estimate (the executor if known; any account otherwise). */
  readonly from: string
  /** Token storage slots of the Safe's balance, when recognised (see tokenOverrides.ts). */
  readonly tokenSlots?: TokenSlots
}

export async function simulationContext(
  base: Omit<ExecSimulationContext, 'tokenSlots'>
): Promise<ExecSimulationContext> {
  if (base.asset.kind !== 'erc20') return base
  return { ...base, tokenSlots: await probeTokenSlots(base.rpc, base.asset.address, base.safe, base.safe) }
}

/** The eth_call / eth_estimateGas request and state override that run `tx` as if its owners had approved it. */
export function simulatedExecution(
  ctx: ExecSimulationContext,
  tx: SafeTx,
  total: bigint
): { call: CallRequest; override: StateOverride } {
  const hash = safeTxHash(ctx.chainId, ctx.safe, tx)
  const signers = simulatedSigners(ctx.owners, ctx.threshold)
  // A queued transaction runs as if the ones before it had executed: the Safe at its nonce.
  const safeDiff: Record<string, string> = { [word(NONCE_SLOT)]: word(tx.nonce) }
  for (const s of signers) safeDiff[approvedHashSlot(s, hash)] = word(1n)
  const override: Record<string, { balance?: string; stateDiff?: Record<string, string> }> = {
    [ctx.safe]: {
      stateDiff: safeDiff,
      ...(ctx.asset.kind === 'native' ? { balance: toBeHex(SIMULATION_NATIVE_BALANCE) } : {})
    },
    [ctx.from]: { balance: toBeHex(SIMULATION_NATIVE_BALANCE) }
  }
  const slot = ctx.tokenSlots?.balanceSlot
  if (ctx.asset.kind === 'erc20' && slot !== undefined)
    override[ctx.asset.address] = { stateDiff: { [balanceSlotOf(ctx.safe, slot)]: word(total) } }
  return {
    call: { from: ctx.from, to: ctx.safe, data: execTransactionData(tx, approvalSignatures(signers)) },
    override
  }
}

/** Gas for execTransaction of `tx` once signed by `threshold` owners. Throws the node's error when it would revert. */
export async function estimateExecGas(ctx: ExecSimulationContext, tx: SafeTx, total: bigint): Promise<bigint> {
  const { call, override } = simulatedExecution(ctx, tx, total)
  const gas = await ctx.rpc.estimateGas(call, override)
  return gas + SIGNATURE_GAS_ALLOWANCE * BigInt(ctx.threshold)
}
