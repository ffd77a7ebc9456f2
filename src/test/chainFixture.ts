// Runs in: tests (plain Node). One local chain for a test file: anvil on a free port, the project's
// contracts deployed, a funded payer, fresh recipients, and the engine's RPC handle on it.
import { Wallet, getAddress, keccak256, toUtf8Bytes } from 'ethers'
import { erc20Interface, expectedBatchCode } from '../main/chain/batchContract'
import { EthRpc } from '../main/chain/ethRpc'
import type { PaymentRow, PlanAsset } from '../main/chain/planTypes'
import { JsonRpcClient } from '../main/chain/rpc'
import { quoteFees } from '../main/chain/fees'
import { startAnvil, type AnvilNode, type AnvilOptions } from './anvil'
import { deployDevChain, type DevChain } from './deployContracts'
import { WalletSigner } from './walletSigner'

export const TOKEN_UNIT = 1_000_000n
export const ETHER = 10n ** 18n

export interface ChainFixture {
  readonly node: AnvilNode
  readonly dev: DevChain
  readonly rpc: EthRpc
  readonly payer: WalletSigner
  readonly native: PlanAsset
  readonly token: PlanAsset
  readonly batchContract: { readonly address: string; readonly expectation: ReturnType<typeof expectedBatchCode> }
  rpcAt(url: string, timeoutMs?: number): EthRpc
  /** Deterministic fresh addresses (never used before on this chain). */
  recipients(count: number, tag: string): string[]
  rows(addresses: readonly string[], amount: (i: number) => bigint, tag: string): PaymentRow[]
  /** Balances of `asset` held by each address now, read on chain. */
  balances(asset: PlanAsset, addresses: readonly string[]): Promise<bigint[]>
  mine(blocks?: number): Promise<void>
  send(method: string, params?: unknown[]): Promise<unknown>
  stop(): Promise<void>
}

export async function startChainFixture(options: AnvilOptions & { payerTokens?: bigint } = {}): Promise<ChainFixture> {
  const node = await startAnvil({ balanceEth: 1_000_000, ...options })
  try {
    const dev = await deployDevChain(node)
    const payerKey = node.accounts[1]?.privateKey
    if (!payerKey) throw new Error('anvil has no payer account')
    const payer = new WalletSigner(payerKey)
    await dev.mintToken(payer.address, options.payerTokens ?? 1_000_000_000n * TOKEN_UNIT)
    const rpcAt = (url: string, timeoutMs = 5_000): EthRpc =>
      new EthRpc(new JsonRpcClient({ url, label: 'Test endpoint', timeoutMs }))
    const rpc = rpcAt(node.url)
    const send = (method: string, params: unknown[] = []): Promise<unknown> => rpc.client.request(method, params)
    return {
      node,
      dev,
      rpc,
      payer,
      native: { kind: 'native', symbol: 'ETH', decimals: 18 },
      token: {
        kind: 'erc20',
        address: dev.contracts.token,
        symbol: 'TUSD',
        decimals: 6,
        transferReturnsNoValue: false,
        clearSigned: true
      },
      batchContract: { address: dev.contracts.batch, expectation: expectedBatchCode(dev.contracts.batch, true) },
      rpcAt,
      recipients: (count, tag) =>
        Array.from({ length: count }, (_, i) =>
          getAddress(new Wallet(keccak256(toUtf8Bytes(`recipient:${tag}:${i}`))).address)
        ),
      rows: (addresses, amount, tag) =>
        addresses.map((to, i) => ({ itemId: `${tag}-${i}`, row: i + 1, to, amount: amount(i) })),
      balances: async (asset, addresses) => {
        if (asset.kind === 'native') return rpc.balancesAt(addresses, 'latest')
        const results = await rpc.callMany(
          addresses.map((a) => ({ to: asset.address, data: erc20Interface.encodeFunctionData('balanceOf', [a]) }))
        )
        return results.map((r) => {
          if (typeof r !== 'string') throw r
          return BigInt(r)
        })
      },
      mine: async (blocks = 1) => {
        await send('anvil_mine', [`0x${blocks.toString(16)}`])
      },
      send,
      stop: async () => {
        dev.close()
        await node.stop()
      }
    }
  } catch (e) {
    await node.stop()
    throw e
  }
}

/** A planning request for the fixture's payer and batch contract at current fees. */
export async function planRequest(fx: ChainFixture, asset: PlanAsset, rows: readonly PaymentRow[]) {
  return {
    rpc: fx.rpc,
    chainId: fx.node.chainId,
    from: fx.payer.address,
    asset,
    rows,
    fees: await quoteFees(fx.rpc),
    batchContract: fx.batchContract
  }
}
