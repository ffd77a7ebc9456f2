// Runs in: tests (plain Node). Crash safety: a real process saving, editing and cancelling payouts
// is killed with SIGKILL at random moments, again and again on the same data folder. After every
// kill the database must be intact, its audit chain unbroken, and every change the process had
// acknowledged must be there with the values it acknowledged.
// Reproduce a failure with CRASH_SEED=<seed printed in the test name>.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../main/treasury'
import { tempDir } from '../tempDir'
import { runRound } from './crashRound'
import { AckLedger } from './ledgerOfAcks'
import { createPrng } from './prng'

const SEED = process.env.CRASH_SEED !== undefined ? Number(process.env.CRASH_SEED) : 0x7e45_0001
const ROUNDS = 25
/** Some rounds kill during start-up (loading, opening, migrating); the rest while payouts are saved. */
const STARTUP_KILL_SHARE = 0.2
const MAX_STARTUP_DELAY_MS = 700
const MAX_WORK_DELAY_MS = 400

describe(`crash safety (seed ${SEED}, ${ROUNDS} SIGKILLs)`, () => {
  it(
    'after each SIGKILL the database is intact and every acknowledged payout change is there as acknowledged',
    { timeout: 300_000 },
    async () => {
      const rng = createPrng(SEED)
      const dataDir = tempDir('treasury-crash-')
      const file = join(dataDir, DATABASE_FILE)
      const ledger = new AckLedger()
      let totalAcks = 0
      let roundsWithAcks = 0

      for (let round = 1; round <= ROUNDS; round++) {
        const afterReady = rng.next() >= STARTUP_KILL_SHARE
        const delayMs = rng.int(0, afterReady ? MAX_WORK_DELAY_MS : MAX_STARTUP_DELAY_MS)
        const where = `round ${round} (seed ${SEED}, kill ${delayMs} ms after ${afterReady ? 'ready' : 'spawn'})`
        const outcome = await runRound({ dataDir, seed: rng.int(0, 2 ** 31), delayMs, afterReady })
        if (afterReady)
          expect(outcome.lines[0], `${where}: the child never became ready: ${outcome.stderr}`).toEqual({
            kind: 'ready'
          })
        const recorded = ledger.record(outcome.lines)
        expect(recorded.problems, where).toEqual([])
        expect(ledger.verify(file), where).toEqual([])
        totalAcks += recorded.acks
        if (recorded.acks > 0) roundsWithAcks++
      }

      console.log(
        `crash safety, seed ${SEED}: ${ROUNDS} kills, ${totalAcks} acknowledged changes, ${ledger.payouts} payouts checked after every kill`
      )
      // The kills must have landed while work was happening, or the test proved nothing.
      expect(roundsWithAcks).toBeGreaterThan(ROUNDS / 2)
      expect(ledger.payouts).toBeGreaterThan(ROUNDS)
    }
  )
})
