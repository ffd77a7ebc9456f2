import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/tempDir'
import { openDatabase } from '../../store/db'
import type { EthRpc } from '../../chain/ethRpc'
import { createFeedDirectory } from '../../domain/priceFeeds'
import type { StoredPayout } from '../../store/payoutRepo'
import { latestRate } from './latestRate'

const payout = { id: 'PO-RATE', chainId: 1 } as StoredPayout

describe('the rate a payout not yet paid is estimated at', () => {
  it('says in one sentence that the feed could not be read, why, and that no rate was typed', async () => {
    const db = openDatabase(join(tempDir(), 'rate.sqlite'))
    try {
      const unreachable = {
        block: () => Promise.reject(new Error('Ethereum could not be reached. Check the network connection'))
      } as unknown as EthRpc
      const rate = await latestRate({ db, feeds: createFeedDirectory(), rpc: () => unreachable }, payout, 'ETH', 'USD')
      expect(rate).toEqual({
        ok: false,
        reason:
          'The price feed could not be read: Ethereum could not be reached. Check the network connection. No ETH rate in USD: no feed gives one and none was typed for this payout.'
      })
    } finally {
      db.close()
    }
  })
})
