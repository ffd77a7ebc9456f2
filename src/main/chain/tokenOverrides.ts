// Runs in: main (plain Node). State overrides that let the planner estimate and simulate a batch
// before anything is signed: the payer "already" has the allowance (and, for the estimate only,
// the balances). The storage slots of a token's balance and allowance mappings are found by
// probing: set a candidate slot in an eth_call override and see whether the token reads it back.
// Non-standard tokens simply get no override and are estimated after the approval is mined.
import { AbiCoder, keccak256, toBeHex } from 'ethers'
import { erc20Interface } from './batchContract'
import { ChainError } from './errors'
import type { EthRpc, StateOverride } from './ethRpc'

/** Mapping declarations sit in the first slots of every common ERC-20 layout (OpenZeppelin 0-1, USDC 9-10). */
const PROBE_SLOTS = 24
const SENTINEL = 0x5eed_0000_0000_0001n
const coder = AbiCoder.defaultAbiCoder()

export interface TokenSlots {
  readonly balanceSlot?: number
  readonly allowanceSlot?: number
}

const word = (value: bigint): string => toBeHex(value, 32)

/** Solidity layout: mapping(key => v) at slot p stores key's value at keccak256(key . p). */
function mappingSlot(key: string, slot: number | string): string {
  return keccak256(coder.encode(['address', typeof slot === 'number' ? 'uint256' : 'bytes32'], [key, slot]))
}

export function balanceSlotOf(owner: string, slot: number): string {
  return mappingSlot(owner, slot)
}

export function allowanceSlotOf(owner: string, spender: string, slot: number): string {
  return mappingSlot(spender, mappingSlot(owner, slot))
}

function readsSentinel(result: string | ChainError): boolean {
  return typeof result === 'string' && result.length >= 66 && BigInt(result.slice(0, 66)) === SENTINEL
}

export async function probeTokenSlots(rpc: EthRpc, token: string, owner: string, spender: string): Promise<TokenSlots> {
  const slots = Array.from({ length: PROBE_SLOTS }, (_, i) => i)
  const balanceCall = { to: token, data: erc20Interface.encodeFunctionData('balanceOf', [owner]) }
  const allowanceCall = { to: token, data: erc20Interface.encodeFunctionData('allowance', [owner, spender]) }
  let results: (string | ChainError)[]
  try {
    results = await rpc.callMany(
      [...slots.map(() => balanceCall), ...slots.map(() => allowanceCall)],
      [
        ...slots.map((p): StateOverride => ({ [token]: { stateDiff: { [balanceSlotOf(owner, p)]: word(SENTINEL) } } })),
        ...slots.map((p): StateOverride => ({
          [token]: { stateDiff: { [allowanceSlotOf(owner, spender, p)]: word(SENTINEL) } }
        }))
      ]
    )
  } catch {
    return {}
  }
  const balanceSlot = slots.find((p) => readsSentinel(results[p] ?? ''))
  const allowanceSlot = slots.find((p) => readsSentinel(results[PROBE_SLOTS + p] ?? ''))
  const found: { balanceSlot?: number; allowanceSlot?: number } = {}
  if (balanceSlot !== undefined) found.balanceSlot = balanceSlot
  if (allowanceSlot !== undefined) found.allowanceSlot = allowanceSlot
  return found
}

export interface OverrideRequest {
  readonly token?: {
    readonly address: string
    readonly slots: TokenSlots
    readonly spender: string
    readonly amount: bigint
  }
  /** Native balance to give the payer (estimates only: the balance check is separate). */
  readonly nativeBalance?: bigint
}

export function buildOverride(payer: string, request: OverrideRequest): StateOverride | undefined {
  const override: Record<string, { balance?: string; stateDiff?: Record<string, string> }> = {}
  if (request.nativeBalance !== undefined) override[payer] = { balance: toBeHex(request.nativeBalance) }
  const t = request.token
  if (t) {
    const diff: Record<string, string> = {}
    if (t.slots.allowanceSlot !== undefined)
      diff[allowanceSlotOf(payer, t.spender, t.slots.allowanceSlot)] = word(t.amount)
    if (t.slots.balanceSlot !== undefined) diff[balanceSlotOf(payer, t.slots.balanceSlot)] = word(t.amount)
    if (Object.keys(diff).length > 0) override[t.address] = { stateDiff: diff }
  }
  return Object.keys(override).length > 0 ? override : undefined
}
