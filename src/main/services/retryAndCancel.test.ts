import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { openDatabase } from '../store/db'
import { createSqliteJournal } from '../store/journalRepo'
import { itemId } from '../domain/itemId'
import { getItems, setItemsStatus, setPayoutStatus } from '../store/payoutRepo'
import { createTreasury, DATABASE_FILE } from '../treasury'
import { submitAcknowledged } from '../../test/submit'

const A = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const B = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
const now = () => new Date()

async function submittedMass(dataDir: string) {
  const t = createTreasury({ dataDir })
  const d = await t.createPayout({
    kind: 'mass',
    assetId: '1:native',
    description: 'x',
    recipients: [
      { address: A, amount: '1' },
      { address: B, amount: '2' }
    ]
  })
  await submitAcknowledged(t, d.id)
  return { t, id: d.id, db: openDatabase(join(dataDir, DATABASE_FILE)) }
}

describe('after submission', () => {
  it('cancels while nothing was signed, and refuses once a transaction exists', async () => {
    const dir = tempDir()
    const { t, id, db } = await submittedMass(dir)
    expect((await t.getPayout({ id })).allowed.cancel).toBe(true)
    await createSqliteJournal(db.write, { now }).recordSigned({
      payoutId: id,
      step: 0,
      purpose: 'payment',
      chainId: 1n,
      from: A,
      nonce: 0,
      raw: '0x02',
      hash: `0x${'1'.repeat(64)}`,
      itemIds: [itemId(id, 1)]
    })
    expect((await t.getPayout({ id })).allowed.cancel).toBe(false)
    await expect(t.cancelPayout({ id })).rejects.toMatchObject({
      code: 'illegal_transition',
      message: expect.stringContaining('already been sent')
    })
    db.close()
    await t.close()
  })

  it('retries only the failed rows of a failed payout, never the paid ones', async () => {
    const dir = tempDir()
    const { t, id, db } = await submittedMass(dir)
    // Row 1 was paid, row 2 failed: the state a partly failed payout is left in.
    db.write
      .prepare("UPDATE payout_items SET status = 'paid', tx_hash = ? WHERE payout_id = ? AND row = 1")
      .run(`0x${'a'.repeat(64)}`, id)
    setItemsStatus(db.write, id, 'queued', 'failed')
    setPayoutStatus(db.write, id, 'failed', now().toISOString())
    const retried = await t.retryPayout({ id })
    expect(retried.status).toBe('in_progress')
    expect(getItems(db.read, id).map((i) => i.status)).toEqual(['paid', 'queued'])
    expect(retried.timeline.at(-1)).toMatchObject({ action: 'retried', fromStatus: 'failed', toStatus: 'in_progress' })
    await expect(t.retryPayout({ id })).rejects.toMatchObject({ code: 'illegal_transition' })
    db.close()
    await t.close()
  })
})
