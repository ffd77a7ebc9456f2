// Runs in: a child process started by crash.test.ts (plain Node with the tsx loader). Drives a
// real Treasury on the given data folder as fast as it can: creates single and small mass
// payouts, edits and cancels drafts, announcing each change before the call (`DO`) and
// acknowledging it only after the call has returned (`ACK`). The parent kills it with SIGKILL.
// Usage: crashChild.ts <dataDir> <seed>
import { writeSync } from 'node:fs'
import type { RecipientInput } from '../../shared/api'
import { createTreasury } from '../../main/treasury'
import { createPrng, type Prng } from './prng'
import { CRASH_ASSET_ID, formatAck, formatIntent, READY_LINE, type CrashOp, type PayoutState } from './protocol'

/** CRASH_ASSET_ID has 6 decimals, so `12.34` is 12_340_000 base units. */
const BASE_PER_UNIT = 1_000_000n
const BASE_PER_CENT = 10_000n
/** Checksummed addresses from the EIP-55 specification's examples. */
const ADDRESSES = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'
] as const
const MAX_MASS_RECIPIENTS = 6
const DRAFT_PAGE = 500

interface Draft {
  readonly kind: 'single' | 'mass'
  readonly state: PayoutState
}

/** Synchronous write: a line is in the pipe before the next call starts (pipes are atomic below 4 KiB). */
const say = (line: string): void => {
  writeSync(1, `${line}\n`)
}

function recipients(rng: Prng, count: number): { list: RecipientInput[]; total: bigint } {
  const list: RecipientInput[] = []
  let total = 0n
  for (let i = 0; i < count; i++) {
    const units = rng.int(0, 5_000)
    const cents = rng.int(units === 0 ? 1 : 0, 99)
    list.push({
      address: rng.pick(ADDRESSES),
      amount: `${units}.${String(cents).padStart(2, '0')}`,
      name: `Crash ${i}`
    })
    total += BigInt(units) * BASE_PER_UNIT + BigInt(cents) * BASE_PER_CENT
  }
  return { list, total }
}

async function main(): Promise<void> {
  const [dataDir, seedText] = process.argv.slice(2)
  if (dataDir === undefined || seedText === undefined) throw new Error('usage: crashChild.ts <dataDir> <seed>')
  const rng = createPrng(Number(seedText))
  const treasury = createTreasury({ dataDir })
  const drafts = new Map<string, Draft>()
  for (const p of (await treasury.listPayouts({ status: 'draft', offset: 0, limit: DRAFT_PAGE })).items) {
    drafts.set(p.id, {
      kind: p.kind,
      state: { status: p.status, total: BigInt(p.totalBaseUnits), recipients: p.recipientCount }
    })
  }
  say(READY_LINE)

  for (;;) {
    const ids = [...drafts.keys()]
    const roll = rng.next()
    const op: CrashOp = ids.length === 0 || roll < 0.4 ? 'create' : roll < 0.75 ? 'update' : 'cancel'
    if (op === 'create') {
      const kind = rng.next() < 0.5 ? 'single' : 'mass'
      const r = recipients(rng, kind === 'single' ? 1 : rng.int(2, MAX_MASS_RECIPIENTS))
      say(formatIntent({ op, id: null, after: { status: 'draft', total: r.total, recipients: r.list.length } }))
      const d = await treasury.createPayout({
        kind,
        assetId: CRASH_ASSET_ID,
        description: `crash ${kind}`,
        recipients: r.list
      })
      const state: PayoutState = { status: d.status, total: BigInt(d.totalBaseUnits), recipients: d.recipientCount }
      say(formatAck({ op, id: d.id, state }))
      drafts.set(d.id, { kind, state })
    } else {
      const id = rng.pick(ids)
      const draft = drafts.get(id)!
      if (op === 'update') {
        const r = recipients(rng, draft.kind === 'single' ? 1 : rng.int(2, MAX_MASS_RECIPIENTS))
        say(formatIntent({ op, id, after: { status: 'draft', total: r.total, recipients: r.list.length } }))
        const d = await treasury.updatePayout({
          id,
          description: `crash edit ${rng.int(0, 1_000_000)}`,
          recipients: r.list
        })
        const state: PayoutState = { status: d.status, total: BigInt(d.totalBaseUnits), recipients: d.recipientCount }
        say(formatAck({ op, id, state }))
        drafts.set(id, { kind: draft.kind, state })
      } else {
        say(formatIntent({ op, id, after: { ...draft.state, status: 'cancelled' } }))
        const d = await treasury.cancelPayout({ id, reason: 'crash test' })
        say(
          formatAck({
            op,
            id,
            state: { status: d.status, total: BigInt(d.totalBaseUnits), recipients: d.recipientCount }
          })
        )
        drafts.delete(id)
      }
    }
  }
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
