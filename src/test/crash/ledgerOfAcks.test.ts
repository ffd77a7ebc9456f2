// Runs in: tests (plain Node). The crash test's judge must itself catch a lost or altered change,
// or a passing crash run would prove nothing.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTreasury, DATABASE_FILE } from '../../main/treasury'
import { tempDir } from '../tempDir'
import { AckLedger } from './ledgerOfAcks'
import { CRASH_ASSET_ID, parseLine } from './protocol'

const ALICE = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'

async function oneDraft(): Promise<{ file: string; id: string }> {
  const dataDir = tempDir()
  const t = createTreasury({ dataDir })
  const d = await t.createPayout({
    kind: 'single',
    assetId: CRASH_ASSET_ID,
    description: 'x',
    recipients: [{ address: ALICE, amount: '1.50' }]
  })
  await t.close()
  return { file: join(dataDir, DATABASE_FILE), id: d.id }
}

describe('AckLedger: the judge of a crash round', () => {
  it('accepts a database that holds every acknowledged change', async () => {
    const { file, id } = await oneDraft()
    const ledger = new AckLedger()
    expect(
      ledger.record(['DO create - draft 1500000 1', `ACK create ${id} draft 1500000 1`].map(parseLine)).problems
    ).toEqual([])
    expect(ledger.verify(file)).toEqual([])
  })

  it('reports an acknowledged edit whose values are not in the database', async () => {
    const { file, id } = await oneDraft()
    const ledger = new AckLedger()
    ledger.record(
      [
        'DO create - draft 1500000 1',
        `ACK create ${id} draft 1500000 1`,
        `DO update ${id} draft 2000000 1`,
        `ACK update ${id} draft 2000000 1`
      ].map(parseLine)
    )
    expect(ledger.verify(file)).toEqual([
      `${id} was acknowledged as draft, total 2000000, 1 recipient(s) but reads draft, total 1500000, 1 recipient(s)`
    ])
  })

  it('reports an acknowledged payout that is missing', async () => {
    const { file } = await oneDraft()
    const ledger = new AckLedger()
    ledger.record(['DO create - draft 1500000 1', 'ACK create PO-LOST draft 1500000 1'].map(parseLine))
    expect(ledger.verify(file)).toContain(
      'PO-LOST was acknowledged (draft, total 1500000, 1 recipient(s)) but is missing'
    )
  })

  it('accepts a create that was in flight at the kill and committed, but not a payout from nowhere', async () => {
    const { file, id } = await oneDraft()
    const inFlight = new AckLedger()
    inFlight.record([parseLine('DO create - draft 1500000 1')])
    expect(inFlight.verify(file)).toEqual([])
    expect(inFlight.payouts).toBe(1)
    expect(new AckLedger().verify(file)).toEqual([`payouts nobody created or acknowledged: ${id}`])
  })
})
