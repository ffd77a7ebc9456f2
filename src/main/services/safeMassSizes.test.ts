// Integration: mass payouts of 1, 50 and 600 recipients, in ETH and in an ERC-20, paid from a 2-of-3
// Safe through createTreasury the way the screens drive it, on anvil with the real Safe 1.4.1
// contracts and real SQLite data folders. Ana's desk adds the Safe, drafts and submits the payout,
// asks for the options and plans the one proposed; every Safe transaction (600 rows may need
// several, under the per-transaction gas cap) is signed by Ana on her Ledger and by Boris on his own
// desk from the exported file (his desk takes each Safe transaction of a split payout in turn), his
// signature file imported back; Ana's desk executes each in turn.
// The Safe transactions take consecutive nonces from the Safe's, every recipient's balance on chain
// is exactly its amount (paid once), and every row ends paid.
import { formatUnits, getAddress, toBeHex } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { LOCAL_CHAIN_ID as CHAIN_ID } from '../../test/localCatalogue'
import { submitAcknowledged } from '../../test/submit'
import {
  OWNER_PATH,
  deskSeed,
  openTreasuryDesk,
  safeNonceOf,
  startSafeChain,
  untilPayoutSettled,
  untilSafeTxSettled,
  type TreasuryDesk
} from '../../test/treasuryDesk'
import type { PlanAsset } from '../chain/planTypes'
import { createLedgerEmulator } from '../ledger/emulator'

const SCOPE = 'safe-sizes'
/** Each row's amount differs (row i pays i + 1 steps), so a row paid twice or swapped shows. */
const ETH_STEP = 10n ** 12n
const TOKEN_STEP = 10_000n
const NATIVE_DECIMALS = 18
const TOKEN_DECIMALS = 6
/** Generous on a loaded 2-core machine (the whole file runs in about 20 s alone): never a timing assertion. */
const SETUP_TIMEOUT = 180_000
const CASE_TIMEOUT = 120_000
/** 600 rows: planning, two owners' signatures per Safe transaction and execution. */
const LARGE_TIMEOUT = 300_000

let fx: ChainFixture
let safe: string
let ana: TreasuryDesk
let boris: TreasuryDesk
const desks: TreasuryDesk[] = []

beforeAll(async () => {
  const chain = await startSafeChain()
  fx = chain.fx
  const { safes, catalogue } = chain
  for (const name of ['ana', 'boris'])
    desks.push(await openTreasuryDesk({ name: `${SCOPE}-${name}`, seed: deskSeed(SCOPE, name), catalogue }))
  ;[ana, boris] = desks as [TreasuryDesk, TreasuryDesk]
  // Chen owns the Safe too and signs nothing here: two of three owners suffice.
  const chen = createLedgerEmulator({ mnemonic: deskSeed(SCOPE, 'chen') })
  safe = await safes.createSafe([ana.address, boris.address, chen.addressOf(OWNER_PATH)], 2)
  await fx.send('anvil_setBalance', [safe, toBeHex(1_000n * ETHER)])
  await fx.send('anvil_setBalance', [ana.address, toBeHex(100n * ETHER)])
  await fx.dev.mintToken(safe, 1_000_000n * TOKEN_UNIT)
  for (const d of desks) await d.t.addSafeAccount({ chainId: CHAIN_ID, address: safe })
}, SETUP_TIMEOUT)

afterAll(async () => {
  for (const d of desks) await d.t.close()
  await fx?.stop()
})

interface Case {
  readonly asset: () => PlanAsset
  readonly assetId: () => string
  readonly step: bigint
  readonly decimals: number
}

const ETH: Case = {
  asset: () => fx.native,
  assetId: () => `${CHAIN_ID}:native`,
  step: ETH_STEP,
  decimals: NATIVE_DECIMALS
}
const TUSD: Case = {
  asset: () => fx.token,
  assetId: () => `${CHAIN_ID}:${getAddress(fx.dev.contracts.token)}`,
  step: TOKEN_STEP,
  decimals: TOKEN_DECIMALS
}

/** Boris's desk takes the Safe transaction from its file, signs on his Ledger, and his file goes back to Ana. */
async function signedByFile(payoutId: string, safeTxHash: string): Promise<void> {
  const file = await ana.t.exportSafeTransaction({ id: payoutId, safeTxHash })
  await boris.t.importSafeTransaction({ fileName: file.fileName, contentBase64: file.contentBase64 })
  await boris.t.signSafeTransaction({ id: payoutId, safeTxHash, accountPath: OWNER_PATH })
  const signature = await boris.t.exportSafeSignature({
    id: payoutId,
    safeTxHash,
    signer: boris.address
  })
  await ana.t.importSafeSignature({ id: payoutId, ...signature })
}

/** Drafts, submits, plans, collects two owners per Safe transaction, executes in nonce order; returns what to check. */
async function payFromSafe(c: Case, count: number, tag: string) {
  const to = fx.recipients(count, tag)
  const amounts = to.map((_, i) => BigInt(i + 1) * c.step)
  const draft = await ana.t.createPayout({
    kind: 'mass',
    assetId: c.assetId(),
    description: tag,
    recipients: to.map((address, i) => ({ address, amount: formatUnits(amounts[i]!, c.decimals) }))
  })
  await submitAcknowledged(ana.t, draft.id, { payerAddress: safe })
  const safeId = `${CHAIN_ID}:${safe}`
  const quote = await ana.t.quoteSafePayout({ id: draft.id, safeId })
  expect(quote.proposed).not.toBeNull()
  expect(quote.missingBaseUnits).toBe('0')
  const before = await fx.balances(c.asset(), to)
  const nonceBefore = await safeNonceOf(fx, safe)
  const planned = await ana.t.planSafePayout({ id: draft.id, safeId, route: quote.proposed! })
  const option = quote.options.find((o) => o.route === quote.proposed)
  if (option?.available !== true) throw new Error('the proposed option is not available')
  // The plan kept is the one shown: as many Safe transactions as the option said.
  expect(planned.transactions).toHaveLength(option.transactions)

  for (const tx of planned.transactions) {
    await ana.t.signSafeTransaction({ id: draft.id, safeTxHash: tx.safeTxHash, accountPath: OWNER_PATH })
    await signedByFile(draft.id, tx.safeTxHash)
  }
  for (const tx of planned.transactions) {
    await ana.t.executeSafeTransaction({ id: draft.id, safeTxHash: tx.safeTxHash, accountPath: OWNER_PATH })
    expect(await untilSafeTxSettled(fx, ana.t, draft.id, tx.safeTxHash)).toBe('executed')
  }
  await untilPayoutSettled(fx, ana.t, draft.id)
  const after = await fx.balances(c.asset(), to)
  return {
    planned,
    nonceBefore,
    nonceAfter: await safeNonceOf(fx, safe),
    received: after.map((b, i) => b - before[i]!),
    amounts,
    payout: await ana.t.getPayout({ id: draft.id, offset: 0, limit: 1 }),
    executions: await ana.t.listPayoutTransactions({ id: draft.id })
  }
}

async function expectPaidOnce(c: Case, count: number, tag: string): Promise<number> {
  const r = await payFromSafe(c, count, tag)
  // Consecutive nonces from the Safe's own, each used once on chain.
  expect(r.planned.transactions.map((t) => BigInt(t.nonce))).toEqual(
    r.planned.transactions.map((_, i) => r.nonceBefore + BigInt(i))
  )
  expect(r.nonceAfter).toBe(r.nonceBefore + BigInt(r.planned.transactions.length))
  // The Safe transactions share the rows between them, none twice, none left out.
  const rows = r.planned.transactions.flatMap((t) => t.rows.map((x) => x.row)).sort((a, b) => a - b)
  expect(rows).toEqual(Array.from({ length: count }, (_, i) => i + 1))
  // Exactly each amount arrived: a row paid twice would show double, one skipped zero.
  expect(r.received).toEqual(r.amounts)
  expect(r.payout.status).toBe('completed')
  expect(r.payout.itemCounts).toMatchObject({ paid: count, failed: 0 })
  // One network transaction per Safe transaction, each confirmed.
  expect(r.executions.map((e) => e.state)).toEqual(r.planned.transactions.map(() => 'confirmed'))
  return r.planned.transactions.length
}

describe.each([
  ['ETH', ETH],
  ['TUSD (ERC-20)', TUSD]
])('a mass payout in %s from the Safe', (name, c) => {
  it(
    'of 1 recipient is one Safe transaction, paid once',
    async () => {
      expect(await expectPaidOnce(c, 1, `${name}-1`)).toBe(1)
    },
    CASE_TIMEOUT
  )

  it(
    'of 50 recipients is one Safe transaction, each recipient paid once',
    async () => {
      expect(await expectPaidOnce(c, 50, `${name}-50`)).toBe(1)
    },
    CASE_TIMEOUT
  )

  it(
    'of 600 recipients is split under the gas cap into Safe transactions on consecutive nonces, each row paid once',
    async () => {
      expect(await expectPaidOnce(c, 600, `${name}-600`)).toBeGreaterThan(1)
    },
    LARGE_TIMEOUT
  )
})
