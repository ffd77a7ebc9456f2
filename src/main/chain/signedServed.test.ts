// Runs in: tests (plain Node, Vitest). A transaction served by a real anvil node is rebuilt from its
// fields into the bytes its sender signed, for each type this app reads back (legacy with a chain
// id, access list, fee market): it is believed as sent by its key and number, and not as sent by
// another account or with another number; a hash nobody sent is missing.
import { HDNodeWallet, type TransactionLike } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ETHER, startChainFixture, type ChainFixture } from '../../test/chainFixture'
import { LOCAL_CHAIN_ID } from '../../test/localCatalogue'
import { readSignedTransaction } from './signedServed'

let fx: ChainFixture
const key = HDNodeWallet.createRandom()
beforeAll(async () => {
  fx = await startChainFixture()
  await fx.send('anvil_setBalance', [key.address, `0x${ETHER.toString(16)}`])
})
afterAll(async () => {
  await fx?.stop()
})

/** Sends `fields` signed by the key; returns the transaction's hash and number. */
async function send(fields: TransactionLike): Promise<{ hash: string; nonce: number }> {
  const nonce = Number(BigInt((await fx.send('eth_getTransactionCount', [key.address, 'pending'])) as string))
  const raw = await key.signTransaction({ chainId: LOCAL_CHAIN_ID, nonce, gasLimit: 30_000n, ...fields })
  return { hash: (await fx.send('eth_sendRawTransaction', [raw])) as string, nonce }
}

describe('a served transaction', () => {
  const gasPrice = 2_000_000_000n
  const to = '0x00000000000000000000000000000000000000aa'
  const kinds: ReadonlyArray<[string, TransactionLike]> = [
    ['legacy, chain id signed', { type: 0, gasPrice, to, value: 3n }],
    ['access list', { type: 1, gasPrice, to, value: 4n, accessList: [{ address: to, storageKeys: [] }] }],
    ['fee market', { type: 2, maxFeePerGas: gasPrice, maxPriorityFeePerGas: 1n, to, value: 5n, data: '0x1234' }]
  ]
  for (const [name, fields] of kinds)
    it(`is rebuilt into its signed bytes: ${name}`, async () => {
      const { hash, nonce } = await send(fields)
      const served = await readSignedTransaction(fx.rpcAt(fx.node.url), hash, key.address, nonce)
      expect(served).toMatchObject({
        kind: 'signed',
        tx: { hash: hash.toLowerCase(), from: key.address, value: fields.value, input: fields.data ?? '0x' }
      })
      const other = await readSignedTransaction(fx.rpcAt(fx.node.url), hash, fx.recipients(1, name)[0]!, nonce)
      expect(other).toMatchObject({ kind: 'unverified', reason: expect.stringContaining('signature is not') })
      const renumbered = await readSignedTransaction(fx.rpcAt(fx.node.url), hash, key.address, nonce + 1)
      expect(renumbered).toEqual({ kind: 'unverified', reason: `it is number ${nonce}, not ${nonce + 1}` })
    })

  it('that nobody sent is missing', async () => {
    expect(await readSignedTransaction(fx.rpcAt(fx.node.url), `0x${'ab'.repeat(32)}`, key.address, 0)).toEqual({
      kind: 'missing'
    })
  })
})
