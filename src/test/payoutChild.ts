// Runs in: a child process started by crash tests (plain Node via tsx). Executes one payout with a
// file-backed journal and kills itself with SIGKILL at a chosen point, exactly as a crash or a
// force-quit would: right after the N-th transaction is persisted (before its broadcast) or right
// after the N-th broadcast is acknowledged (before any receipt).
import { EthRpc } from '../main/chain/ethRpc'
import { Executor } from '../main/chain/executor'
import { quoteFees } from '../main/chain/fees'
import type { NewJournalTx } from '../main/chain/journal'
import { planBatch } from '../main/chain/planBatch'
import { planPerRecipient } from '../main/chain/planPerRecipient'
import type { PaymentRow, PlanAsset } from '../main/chain/planTypes'
import { JsonRpcClient } from '../main/chain/rpc'
import { expectedBatchCode } from '../main/chain/batchContract'
import { MemoryJournal } from './memoryJournal'
import { WalletSigner } from './walletSigner'
import { settle } from './settle'

export interface ChildInput {
  readonly url: string
  readonly chainId: string
  readonly payerKey: string
  readonly journalPath: string
  readonly plan: 'batch' | 'per_recipient'
  readonly asset: PlanAsset
  readonly batchContract: string
  readonly rows: readonly { itemId: string; to: string; amount: string }[]
  readonly killAfter: 'record' | 'broadcast'
  readonly killAt: number
}

class SuicidalJournal extends MemoryJournal {
  private records = 0
  private broadcasts = 0
  constructor(
    path: string,
    private readonly input: ChildInput
  ) {
    super(path)
  }
  override recordSigned(tx: NewJournalTx): void {
    super.recordSigned(tx)
    if (this.input.killAfter === 'record' && ++this.records === this.input.killAt) process.kill(process.pid, 'SIGKILL')
  }
  override markBroadcast(hash: string): void {
    super.markBroadcast(hash)
    if (this.input.killAfter === 'broadcast' && ++this.broadcasts === this.input.killAt)
      process.kill(process.pid, 'SIGKILL')
  }
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput
  const rpc = new EthRpc(new JsonRpcClient({ url: input.url }))
  const signer = new WalletSigner(input.payerKey)
  const chainId = BigInt(input.chainId)
  const rows: PaymentRow[] = input.rows.map((r, i) => ({
    itemId: r.itemId,
    row: i + 1,
    to: r.to,
    amount: BigInt(r.amount)
  }))
  const request = { rpc, chainId, from: signer.address, asset: input.asset, rows, fees: await quoteFees(rpc) }
  const plan =
    input.plan === 'batch'
      ? await planBatch({
          ...request,
          batchContract: { address: input.batchContract, expectation: expectedBatchCode(input.batchContract, true) }
        })
      : await planPerRecipient(request)
  const journal = new SuicidalJournal(input.journalPath, input)
  const executor = new Executor({ rpc, journal, chainId, confirmations: 1, pollIntervalMs: 50 })
  await executor.execute('crash', plan, signer)
  await settle(executor, 60_000)
  process.exit(0)
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
