// Runs in: tests (plain Node, Vitest). A payout paid from a Safe, killed while its execution is on
// its way: the payout's Safe transactions are planned and signed by two of the 2-of-3 Safe's owners
// (accounts of the desk's emulated Ledger), then a real process runs createTreasury on the real
// SQLite file against anvil with the real Safe 1.4.1 contracts, executes them from another Ledger
// account and SIGKILLs itself at one boundary of one Safe transaction's execTransaction: with the
// owner signatures collected but before it is recorded (while the device signs), after it is
// recorded, after a node accepted it (the node holding blocks back for these two, so the execution
// is not mined yet), after it was mined. The app is started again on the same data folder. Then
// every row in progress is covered by a recorded transaction that may still pay; a Safe transaction
// whose execution is recorded shows as executing (or executed, once mined) by that very
// transaction, and executing it again is refused and sends nothing; one that was not recorded still
// holds both signatures. Executing what is left ends Completed: the Safe's
// nonce moved once per Safe transaction, one execTransaction per Safe transaction was sent (the
// executing account's nonce moved as often), each recipient holds exactly its amount (read on
// chain), and each row was settled by the execution whose receipt has the Safe's ExecutionSuccess
// for its Safe transaction.
//
// By default a representative subset runs: each boundary of a one-transaction token payout through
// MultiSendCallOnly, the second of two Safe transactions killed after broadcast, and a token
// payout through the batch contract killed after its execution was recorded (six kills).
// TREASURY_KILL_MATRIX=full runs every boundary of every Safe transaction of every shape (20 kills).
import { join } from 'node:path'
import { getAddress, toBeHex } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLedgerEmulator, type LedgerEmulator } from '../../main/ledger/emulator'
import { EXECUTION_SUCCESS_TOPIC, safeInterface } from '../../main/safe/abi'
import type { Treasury } from '../../main/treasury'
import type { SafePayoutView } from '../../shared/safe'
import { ETHER, TOKEN_UNIT, startChainFixture, type ChainFixture } from '../chainFixture'
import { deploySafeContracts } from '../deploySafe'
import { submitAcknowledged } from '../submit'
import { tempDir } from '../tempDir'
import { FULL_MATRIX, runKillChild, uncoveredRows, untilDone } from './killRestart'
import {
  BOUNDARIES,
  KILL_ACCOUNT,
  KILL_CHAIN_ID,
  KILL_CHUNK_ROWS,
  killAssetId,
  openKillTreasury,
  type Boundary,
  type KillAsset,
  type KillChain
} from './payKill'
import { SAFE_OWNER_PATHS, SAFE_SIGNING_PATHS, SAFE_THRESHOLD, setAutomine, type SafeKillCase } from './safeKill'

const CHILD_SCRIPT = join(import.meta.dirname, 'safeKillChild.ts')

type SafeRoute = 'transfers' | 'batch_contract'

interface Shape {
  readonly name: string
  readonly asset: KillAsset
  readonly route: SafeRoute
  readonly rows: number
  /** Safe transactions the plan makes (chunks of KILL_CHUNK_ROWS rows). */
  readonly transactions: number
}

const SHAPES: Record<string, Shape> = {
  tokenMultiSend: {
    name: 'TUSD to 2 recipients through MultiSendCallOnly',
    asset: 'token',
    route: 'transfers',
    rows: 2,
    transactions: 1
  },
  ethTwo: {
    name: 'ETH to 3 recipients in two Safe transactions',
    asset: 'native',
    route: 'transfers',
    rows: 3,
    transactions: 2
  },
  tokenBatch: {
    name: 'TUSD to 2 recipients through the batch contract',
    asset: 'token',
    route: 'batch_contract',
    rows: 2,
    transactions: 1
  },
  single: { name: 'a single ETH payout', asset: 'native', route: 'transfers', rows: 1, transactions: 1 }
}

interface Kill {
  readonly shape: Shape
  readonly position: number
  readonly boundary: Boundary
}

const SUBSET: readonly Kill[] = [
  ...BOUNDARIES.map((boundary) => ({ shape: SHAPES.tokenMultiSend!, position: 0, boundary })),
  { shape: SHAPES.ethTwo!, position: 1, boundary: 'after_broadcast' },
  { shape: SHAPES.tokenBatch!, position: 0, boundary: 'after_record' }
]

const MATRIX: readonly Kill[] = FULL_MATRIX
  ? Object.values(SHAPES).flatMap((shape) =>
      Array.from({ length: shape.transactions }, (_, position) =>
        BOUNDARIES.map((boundary) => ({ shape, position, boundary }))
      ).flat()
    )
  : SUBSET

let fx: ChainFixture
let chain: KillChain
let emulator: LedgerEmulator
let executor: string
let safe: string
const root = tempDir('treasury-safe-kill-')
let cases = 0

beforeAll(async () => {
  fx = await startChainFixture()
  const safes = await deploySafeContracts(fx.dev.deployer, fx.node.chainId)
  chain = {
    rpcUrl: fx.node.url,
    batchContract: fx.dev.contracts.batch,
    token: fx.dev.contracts.token,
    multiSendCallOnly: safes.contracts.multiSendCallOnly
  }
  emulator = createLedgerEmulator({ blindSigning: true })
  executor = emulator.addressOf(KILL_ACCOUNT)
  safe = await safes.createSafe(
    SAFE_OWNER_PATHS.map((p) => emulator.addressOf(p)),
    SAFE_THRESHOLD
  )
  await fx.send('anvil_setBalance', [executor, toBeHex(1_000n * ETHER)])
  await fx.send('anvil_setBalance', [safe, toBeHex(1_000n * ETHER)])
  await fx.dev.mintToken(safe, 1_000_000n * TOKEN_UNIT)
}, 180_000)
afterAll(async () => {
  await fx?.stop()
})

const safeId = (): string => `${KILL_CHAIN_ID}:${getAddress(safe)}`

async function safeNonce(): Promise<bigint> {
  const raw = await fx.rpc.call({ to: safe, data: safeInterface.encodeFunctionData('nonce', []) })
  return safeInterface.decodeFunctionResult('nonce', raw)[0] as bigint
}

const safeView = async (t: Treasury, id: string): Promise<SafePayoutView> => {
  const v = await t.getSafePayout({ id })
  if (v === null) throw new Error(`payout ${id} has no Safe transactions`)
  return v
}

/** A payout drafted, submitted with the Safe as payer, planned and signed by two owners, then closed. */
async function signed(shape: Shape, tag: string) {
  const dataDir = join(root, tag)
  const to = fx.recipients(shape.rows, tag)
  const unit = shape.asset === 'native' ? ETHER / 100n : TOKEN_UNIT
  const amounts = to.map((_, i) => BigInt(i + 1) * unit)
  const t = openKillTreasury(chain, dataDir, emulator)
  try {
    await t.updateSettings({ confirmations: 1 })
    await t.addSafeAccount({ chainId: KILL_CHAIN_ID, address: safe })
    const d = await t.createPayout({
      kind: shape.rows === 1 ? 'single' : 'mass',
      assetId: killAssetId(chain, shape.asset),
      description: tag,
      // Row i pays i + 1 hundredths of ETH, or i + 1 TUSD: the amounts above.
      recipients: to.map((address, i) => ({ address, amount: shape.asset === 'native' ? `0.0${i + 1}` : `${i + 1}` }))
    })
    await submitAcknowledged(t, d.id, { payerAddress: safe })
    const planned = await t.planSafePayout({ id: d.id, safeId: safeId(), route: shape.route })
    expect(planned.transactions).toHaveLength(shape.transactions)
    for (const tx of planned.transactions)
      for (const path of SAFE_SIGNING_PATHS)
        await t.signSafeTransaction({ id: d.id, safeTxHash: tx.safeTxHash, accountPath: path })
    const view = await safeView(t, d.id)
    expect(view.transactions.map((tx) => tx.signatures.length)).toEqual(planned.transactions.map(() => SAFE_THRESHOLD))
    return { dataDir, id: d.id, to, amounts, safeTxs: view.transactions }
  } finally {
    await t.close()
  }
}

/** What a user does after the restart: wait for what is on its way, execute the next Safe transaction, until Completed. */
async function executeTheRest(t: Treasury, id: string): Promise<void> {
  await untilDone(fx, 'the payout completes', async () => {
    const p = await t.getPayout({ id })
    if (p.status === 'completed') return true
    expect(p.status).toBe('in_progress')
    const v = await safeView(t, id)
    const next = v.transactions.find((tx) => tx.state === 'awaiting_signatures' && tx.nonce === v.safeNonce)
    if (next) await t.executeSafeTransaction({ id, safeTxHash: next.safeTxHash, accountPath: KILL_ACCOUNT })
    return false
  })
}

describe(`a Safe payout killed while executing (${FULL_MATRIX ? 'full matrix' : 'representative subset; TREASURY_KILL_MATRIX=full for all'}, ${MATRIX.length} kills)`, () => {
  it.each(
    MATRIX.map((k) => [k.shape.name, `Safe transaction ${k.position + 1}`, k.boundary.replace('_', ' '), k] as const)
  )(
    '%s, %s, killed %s: restarted, executed exactly once, each recipient paid once, settled from ExecutionSuccess',
    { timeout: 240_000 },
    async (_shape, _position, _boundary, kill) => {
      const tag = `safe-kill-${++cases}-${kill.shape.route}-${kill.shape.asset}-${kill.position}-${kill.boundary}`
      const payout = await signed(kill.shape, tag)
      const nonceBefore = await safeNonce()
      const executorNonceBefore = await fx.rpc.nonce(executor)
      const outcome = await runKillChild(CHILD_SCRIPT, {
        chain,
        dataDir: payout.dataDir,
        payoutId: payout.id,
        position: kill.position,
        boundary: kill.boundary
      } satisfies SafeKillCase)
      expect(outcome.signal, `the child never reached the boundary (exit ${outcome.code}): ${outcome.stderr}`).toBe(
        'SIGKILL'
      )

      const t = openKillTreasury(chain, payout.dataDir, emulator)
      try {
        expect(uncoveredRows(payout.dataDir, payout.id)).toEqual([])
        const recorded = await t.listPayoutTransactions({ id: payout.id })
        // One execTransaction per Safe transaction executed before the one killed, and the killed one once recorded.
        expect(recorded).toHaveLength(kill.position + (kill.boundary === 'before_record' ? 0 : 1))
        const killed = (await safeView(t, payout.id)).transactions.find((tx) => tx.position === kill.position)!
        const again = () =>
          t.executeSafeTransaction({ id: payout.id, safeTxHash: killed.safeTxHash, accountPath: KILL_ACCOUNT })
        switch (kill.boundary) {
          case 'before_record':
            // Nothing was sent: the owners' signatures are still there to execute with.
            expect(killed).toMatchObject({ state: 'awaiting_signatures', executionHash: null })
            expect(killed.signatures).toHaveLength(SAFE_THRESHOLD)
            expect(await safeNonce()).toBe(nonceBefore + BigInt(kill.position))
            break
          case 'after_record':
          case 'after_broadcast':
            // Not mined yet: shown on its way by the execution the journal holds, and never sent a second time.
            expect(await safeNonce()).toBe(nonceBefore + BigInt(kill.position))
            expect(killed).toMatchObject({ state: 'executing', executionHash: recorded.at(-1)?.hash })
            await expect(again()).rejects.toMatchObject({ code: 'safe_already_executing' })
            break
          case 'after_mining':
            expect(killed).toMatchObject({ state: 'executed', executionHash: recorded.at(-1)?.hash })
            await expect(again()).rejects.toMatchObject({ code: 'safe_already_executed' })
            break
          default: {
            const unknown: never = kill.boundary
            throw new Error(`unknown boundary ${String(unknown)}`)
          }
        }
        expect(await t.listPayoutTransactions({ id: payout.id })).toHaveLength(recorded.length)
        await setAutomine(chain.rpcUrl, true)

        await executeTheRest(t, payout.id)
        const done = await t.getPayout({ id: payout.id })
        expect(done.itemCounts.paid).toBe(kill.shape.rows)
        expect(done.timeline.map((e) => e.action)).not.toContain('paid_twice')
        expect(await fx.balances(kill.shape.asset === 'native' ? fx.native : fx.token, payout.to)).toEqual(
          payout.amounts
        )
        expect(await safeNonce()).toBe(nonceBefore + BigInt(kill.shape.transactions))
        const txs = await t.listPayoutTransactions({ id: payout.id })
        expect(txs).toHaveLength(kill.shape.transactions)
        expect(txs.every((tx) => tx.state === 'confirmed')).toBe(true)
        expect(await fx.rpc.nonce(executor)).toBe(executorNonceBefore + kill.shape.transactions)

        const settled = await safeView(t, payout.id)
        for (const s of settled.transactions) {
          expect(s.state).toBe('executed')
          const receipt = await fx.rpc.receipt(s.executionHash!)
          const success = receipt?.logs.filter(
            (l) => getAddress(l.address) === getAddress(safe) && l.topics[0] === EXECUTION_SUCCESS_TOPIC
          )
          expect(success?.map((l) => l.topics[1])).toEqual([s.safeTxHash])
        }
        // Safe transaction p pays the p-th chunk of rows; each row names the execution that paid it.
        const executionOfRow = (row: number) =>
          settled.transactions.find((s) => s.position === Math.floor((row - 1) / KILL_CHUNK_ROWS))?.executionHash
        expect(done.items.map((i) => [i.row, i.status, i.txHash])).toEqual(
          done.items.map((i) => [i.row, 'paid', executionOfRow(i.row)])
        )
      } finally {
        await t.close()
        await setAutomine(chain.rpcUrl, true)
      }
    }
  )
})
