// Runs in: tests (plain Node, Vitest). What the executing desk refuses, on a real Safe 1.4.1 with
// owners on emulated Ledgers: signatures from a non-owner, a removed owner, for another chain,
// Safe or nonce; files whose calldata was changed; and a Safe nonce used from outside Treasury,
// whether by a competing transaction or by someone executing ours first.
import { Contract, Interface, Wallet, toBeHex } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ETHER } from '../../test/chainFixture'
import { safeInterface } from './abi'
import { OWNER_PATH, exportSafeTxFiles, startSafeWorld, type Desk, type SafeWorld } from '../../test/safeFixture'
import { quoteFees } from '../chain/fees'
import { TX_PURPOSE } from '../chain/journal'
import { getItems } from '../store/payoutRepo'
import { SAFE_ERROR } from './errors'
import { SAFE_TX_STATE, buildSafeExecutionPlan, safeTxStatus } from './execute'
import { readSafeSignatureFile, type SafeSignatureFile } from './files'

type FileJson = SafeSignatureFile & { extra?: number }
import { SAFE_ROUTE, planSafePayout, type SafePayoutPlan } from './plan'
import { cancelSafeTx, safeTxArgs, safeTxHash, safeTxOf, type SafeTx } from './safeTx'
import {
  collectSignatures,
  encodeSignatures,
  safeTxSigningRequest,
  signSafeTx,
  type SignatureClaim
} from './signatures'
import { readSafe, type SafeInfo } from './verify'
import { settle } from '../../test/settle'
import { checkPaidRows } from '../services/execution/paidRows'

let world: SafeWorld
let d: readonly Desk[]
let mallory: Desk

beforeAll(async () => {
  world = await startSafeWorld(['alice', 'bob', 'carol', 'mallory'])
  d = world.desks
  mallory = d[3]!
}, 120_000)
afterAll(async () => {
  await world?.stop()
})

interface Drafted {
  readonly safe: SafeInfo
  readonly plan: SafePayoutPlan
  readonly tx: SafeTx
  readonly digest: string
  readonly payoutId: string
}

async function draft(payoutId: string, safe: SafeInfo, count = 3): Promise<Drafted> {
  const rows = world.storePayout(
    payoutId,
    world.fx.native,
    world.fx.recipients(count, payoutId).map((to) => ({ to, amount: ETHER / 100n }))
  )
  const fresh = await readSafe(world.fx.rpc, safe.address, world.scope())
  const plan = await planSafePayout(SAFE_ROUTE.transfers, {
    rpc: world.fx.rpc,
    safe: fresh,
    asset: world.fx.native,
    rows,
    fees: await quoteFees(world.fx.rpc),
    multiSendCallOnly: world.multiSend
  })
  return {
    safe: fresh,
    plan,
    tx: plan.transactions[0]!.safeTx,
    digest: world.digestOf(payoutId, world.fx.native, rows, safe.address),
    payoutId
  }
}

async function claimOf(owner: Desk, p: Drafted): Promise<SignatureClaim> {
  const file = exportSafeTxFiles(world, p.payoutId, p.digest, p.plan)[0]!
  const expected = world.expectation(p.payoutId, p.digest, p.plan)
  return readSafeSignatureFile(await world.ownerSigns(owner, file, expected), expected).claim
}

/** A signature the owner's device makes of this transaction as if it were for another chain, Safe or nonce. */
async function signedFor(owner: Desk, chainId: bigint, safe: string, tx: SafeTx): Promise<SignatureClaim> {
  const s = await owner.ledger.signTypedData(OWNER_PATH, safeTxSigningRequest(chainId, safe, tx))
  return {
    chainId,
    safe,
    nonce: tx.nonce,
    safeTxHash: safeTxHash(chainId, safe, tx),
    signer: s.signer,
    signature: s.signature
  }
}

const expectedOf = (p: Drafted) => ({ chainId: p.plan.chainId, safe: p.plan.safe, safeTx: p.tx })

describe('signatures that do not count', () => {
  let safe: SafeInfo
  let p: Drafted
  beforeAll(async () => {
    safe = await world.createSafe([d[0]!, d[1]!, d[2]!], 2)
    p = await draft('REFUSE-1', safe)
  })

  it('from someone who is not an owner', async () => {
    const claims = [await claimOf(d[0]!, p), await claimOf(mallory, p)]
    await expect(collectSignatures(world.fx.rpc, expectedOf(p), claims, safe.owners)).rejects.toMatchObject({
      code: SAFE_ERROR.signerNotOwner,
      details: { signer: mallory.address, removed: false }
    })
  })

  it('for another chain, another Safe or another nonce, each with its own error', async () => {
    const otherChain = await signedFor(d[0]!, p.plan.chainId + 1n, p.plan.safe, p.tx)
    await expect(collectSignatures(world.fx.rpc, expectedOf(p), [otherChain])).rejects.toMatchObject({
      code: SAFE_ERROR.signatureWrongChain
    })
    const otherSafe = await signedFor(d[0]!, p.plan.chainId, mallory.address, p.tx)
    await expect(collectSignatures(world.fx.rpc, expectedOf(p), [otherSafe])).rejects.toMatchObject({
      code: SAFE_ERROR.signatureWrongSafe
    })
    const otherNonce = await signedFor(d[0]!, p.plan.chainId, p.plan.safe, { ...p.tx, nonce: p.tx.nonce + 1n })
    await expect(collectSignatures(world.fx.rpc, expectedOf(p), [otherNonce])).rejects.toMatchObject({
      code: SAFE_ERROR.signatureWrongNonce
    })
    // The same other-chain signature with its claim rewritten to this chain: it recovers to someone else.
    const relabelled = {
      ...otherChain,
      chainId: p.plan.chainId,
      safeTxHash: safeTxHash(p.plan.chainId, p.plan.safe, p.tx)
    }
    await expect(collectSignatures(world.fx.rpc, expectedOf(p), [relabelled])).rejects.toMatchObject({
      code: SAFE_ERROR.signatureInvalid
    })
  })

  it('the same owner twice, or fewer owners than the threshold', async () => {
    const alice = await claimOf(d[0]!, p)
    await expect(collectSignatures(world.fx.rpc, expectedOf(p), [alice, alice])).rejects.toMatchObject({
      code: SAFE_ERROR.signatureDuplicate
    })
    await expect(collectSignatures(world.fx.rpc, expectedOf(p), [alice])).rejects.toMatchObject({
      code: SAFE_ERROR.thresholdNotMet,
      details: { have: 1, threshold: 2 }
    })
  })

  it('encodes the threshold of signatures in ascending owner order', async () => {
    const claims = [await claimOf(d[2]!, p), await claimOf(d[0]!, p), await claimOf(d[1]!, p)]
    const collected = await collectSignatures(world.fx.rpc, expectedOf(p), claims, safe.owners)
    const sorted = [...collected.signers].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
    expect(collected.signers).toEqual(sorted)
    expect(collected.signers).toHaveLength(2)
    expect(collected.encoded).toBe(encodeSignatures(claims.filter((c) => collected.signers.includes(c.signer))))
  })

  it('from an owner removed after signing', async () => {
    const own = await world.createSafe([d[0]!, d[1]!, d[2]!], 2)
    const q = await draft('REFUSE-REMOVED', own)
    const carol = await claimOf(d[2]!, q)
    const removeOwner = new Interface(['function removeOwner(address prevOwner, address owner, uint256 _threshold)'])
    const owners = q.safe.owners
    const prev = owners[owners.indexOf(d[2]!.address) - 1] ?? '0x0000000000000000000000000000000000000001'
    await world.safes.execWithKeys(
      own.address,
      safeTxOf(
        { to: own.address, value: 0n, data: removeOwner.encodeFunctionData('removeOwner', [prev, d[2]!.address, 2]) },
        0n
      ),
      [d[0]!.privateKey, d[1]!.privateKey]
    )
    await expect(
      collectSignatures(world.fx.rpc, expectedOf(q), [carol, await claimOf(d[0]!, q)], q.safe.owners)
    ).rejects.toMatchObject({
      code: SAFE_ERROR.signerNotOwner,
      details: { signer: d[2]!.address, removed: true },
      message: expect.stringMatching(/no longer an owner/)
    })
  })
})

describe('signature files whose calldata was changed', () => {
  let p: Drafted
  let file: Uint8Array
  beforeAll(async () => {
    p = await draft('TAMPER-1', await world.createSafe([d[0]!, d[1]!, d[2]!], 2))
    const txFile = exportSafeTxFiles(world, p.payoutId, p.digest, p.plan)[0]!
    file = await world.ownerSigns(d[0]!, txFile, world.expectation(p.payoutId, p.digest, p.plan))
  })
  const edit = (change: (json: FileJson) => void): Uint8Array => {
    const json = JSON.parse(new TextDecoder().decode(file)) as FileJson
    change(json)
    return new TextEncoder().encode(JSON.stringify(json))
  }
  const thief = '0x000000000000000000000000000000000000bEEF'
  const swapFirstRecipient = (json: FileJson) => {
    const to = json.rows[0]!.to.slice(2).toLowerCase()
    json.safeTx.data = json.safeTx.data.replace(to, thief.slice(2).toLowerCase())
  }
  /** Recomputes the file's hash after its transaction was changed, as a careful forger would. */
  const rehash = (json: FileJson) => {
    const tx = json.safeTx
    json.safeTxHash = safeTxHash(BigInt(json.chainId), json.safe, {
      ...tx,
      value: BigInt(tx.value),
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      nonce: BigInt(tx.nonce)
    })
  }
  const read = (bytes: Uint8Array) => readSafeSignatureFile(bytes, world.expectation(p.payoutId, p.digest, p.plan))

  it('the untouched file reads back', () => {
    expect(read(file).claim.signer).toBe(d[0]!.address)
  })

  it('a recipient changed in the calldata: the hash no longer matches', () => {
    expect(() => read(edit(swapFirstRecipient))).toThrow(expect.objectContaining({ code: SAFE_ERROR.hashMismatch }))
  })

  it('the calldata and its hash changed together: the decoded transfers differ from the rows', () => {
    const bytes = edit((json) => {
      swapFirstRecipient(json)
      rehash(json)
    })
    expect(() => read(bytes)).toThrow(
      expect.objectContaining({ code: SAFE_ERROR.rowsMismatch, details: expect.objectContaining({ position: 1 }) })
    )
  })

  it("rows, calldata and hash all changed: they differ from the payout's rows held here", () => {
    const bytes = edit((json) => {
      swapFirstRecipient(json)
      json.rows[0]!.to = thief
      rehash(json)
    })
    expect(() => read(bytes)).toThrow(expect.objectContaining({ code: SAFE_ERROR.rowsMismatch }))
  })

  it('another payout, an unknown field, a file of the other kind', () => {
    expect(() => read(edit((json) => (json.payoutDigest = '0x' + '11'.repeat(32))))).toThrow(
      expect.objectContaining({ code: SAFE_ERROR.fileWrongPayout })
    )
    expect(() => read(edit((json) => (json.extra = 1)))).toThrow(
      expect.objectContaining({ code: SAFE_ERROR.fileMalformed })
    )
    const txFile = exportSafeTxFiles(world, p.payoutId, p.digest, p.plan)[0]!
    expect(() => read(txFile)).toThrow(/waiting for signatures/)
  })
})

describe('a Safe nonce used outside Treasury', () => {
  it('a competing Safe transaction executed from elsewhere at the same nonce: reported, never executed', async () => {
    const safe = await world.createSafe([d[0]!, d[1]!, d[2]!], 2)
    const p = await draft('COMPETING-1', safe)
    const claims = [await claimOf(d[0]!, p), await claimOf(d[1]!, p)]
    const collected = await collectSignatures(world.fx.rpc, expectedOf(p), claims)
    await world.safes.execWithKeys(safe.address, safeTxOf({ to: mallory.address, value: 1n, data: '0x' }, 0n), [
      d[1]!.privateKey,
      d[2]!.privateKey
    ])
    const hash = safeTxHash(p.plan.chainId, p.plan.safe, p.tx)
    const status = await safeTxStatus(
      world.fx.rpc,
      safe.address,
      { nonce: p.tx.nonce, safeTxHash: hash },
      p.safe.readAtBlock
    )
    expect(status).toMatchObject({
      state: SAFE_TX_STATE.nonceConsumed,
      explanation: expect.stringMatching(/never can be/)
    })
    await expect(
      buildSafeExecutionPlan({
        rpc: world.fx.rpc,
        chainId: p.plan.chainId,
        safe: p.plan.safe,
        executor: world.executor.address,
        safeTx: p.tx,
        rows: p.plan.transactions[0]!.rows,
        asset: world.fx.native,
        decode: world.decodeContext(world.fx.native),
        signatures: collected.encoded,
        fees: await quoteFees(world.fx.rpc),
        sinceBlock: p.safe.readAtBlock
      })
    ).rejects.toMatchObject({ code: SAFE_ERROR.nonceConsumed })
  })

  it('our signed Safe transaction executed by someone else first: the rows are paid, never failed', async () => {
    const safe = await world.createSafe([d[0]!, d[1]!, d[2]!], 2)
    const p = await draft('RACED-1', safe)
    const rows = p.plan.transactions[0]!.rows
    const collected = await collectSignatures(world.fx.rpc, expectedOf(p), [
      await claimOf(d[0]!, p),
      await claimOf(d[2]!, p)
    ])
    const fees = await quoteFees(world.fx.rpc)
    const request = {
      rpc: world.fx.rpc,
      chainId: p.plan.chainId,
      safe: p.plan.safe,
      executor: world.executor.address,
      safeTx: p.tx,
      rows,
      asset: world.fx.native,
      decode: world.decodeContext(world.fx.native),
      signatures: collected.encoded,
      fees,
      sinceBlock: p.safe.readAtBlock
    }
    const plan = await buildSafeExecutionPlan(request)
    const executor = world.executorFor()
    const signer = await world.executor.ledger.signer(OWNER_PATH)
    let ours: string | undefined
    await world.fx.send('evm_setAutomine', [false])
    try {
      const report = await executor.execute(p.payoutId, plan, signer)
      expect(report.stopped).toBeUndefined()
      ours = report.signed[0]
      // Someone else holding the same signatures sends them first, with a higher tip.
      const outsider = new Wallet(world.fx.node.accounts[5]!.privateKey, world.fx.dev.provider)
      const contract = new Contract(p.plan.safe, safeInterface, outsider)
      const tip = 50n * 10n ** 9n
      await contract
        .getFunction('execTransaction')

        .send(...safeTxArgs(p.tx), collected.encoded, {
          maxPriorityFeePerGas: tip,
          maxFeePerGas: tip * 4n,
          gasLimit: 2_000_000n
        })
      await world.fx.send('evm_mine')
    } finally {
      await world.fx.send('evm_setAutomine', [true])
    }
    await settle(executor, 60_000)
    expect((await world.fx.rpc.receipt(ours ?? ''))?.success).toBe(false)
    expect(getItems(world.db.read, p.payoutId).map((i) => i.status)).toEqual(rows.map(() => 'paid'))
    // The rows name our execution, whose signed bytes pay them: the audit verification finds them as paid.
    const verified = await checkPaidRows(world.db.read, () => world.fx.native)
    expect(verified.checked).toBeGreaterThanOrEqual(rows.length)
    expect(verified.mismatches.filter((m) => m.payoutId === p.payoutId)).toEqual([])
    expect(
      await world.fx.balances(
        world.fx.native,
        rows.map((r) => r.to)
      )
    ).toEqual(rows.map((r) => r.amount))
    const status = await safeTxStatus(
      world.fx.rpc,
      safe.address,
      { nonce: p.tx.nonce, safeTxHash: safeTxHash(p.plan.chainId, p.plan.safe, p.tx) },
      p.safe.readAtBlock
    )
    expect(status.state).toBe(SAFE_TX_STATE.executed)
    await expect(buildSafeExecutionPlan(request)).rejects.toMatchObject({ code: SAFE_ERROR.alreadyExecuted })
  })

  it('a cancel is a zero-value Safe transaction at the same nonce: once executed, the rows are not paid and the original can never run', async () => {
    const safe = await world.createSafe([d[0]!, d[1]!, d[2]!], 2)
    const p = await draft('CANCEL-1', safe)
    const rows = p.plan.transactions[0]!.rows
    const cancel = cancelSafeTx(safe.address, p.tx.nonce)
    const cancelCtx = {
      chainId: p.plan.chainId,
      safe: p.plan.safe,
      safeTx: cancel,
      rows: [],
      decode: world.decodeContext(world.fx.native)
    }
    const claims: SignatureClaim[] = []
    for (const owner of [d[1]!, d[2]!]) claims.push(await signSafeTx(world.fx.rpc, owner.ledger, OWNER_PATH, cancelCtx))
    const collected = await collectSignatures(
      world.fx.rpc,
      { chainId: p.plan.chainId, safe: p.plan.safe, safeTx: cancel },
      claims
    )
    await world.fx.send('anvil_setBalance', [world.executor.address, toBeHex(1_000n * ETHER)])
    const plan = await buildSafeExecutionPlan({
      rpc: world.fx.rpc,
      chainId: p.plan.chainId,
      safe: p.plan.safe,
      executor: world.executor.address,
      safeTx: cancel,
      rows,
      asset: world.fx.native,
      decode: world.decodeContext(world.fx.native),
      signatures: collected.encoded,
      fees: await quoteFees(world.fx.rpc),
      sinceBlock: p.safe.readAtBlock,
      purpose: TX_PURPOSE.cancel
    })
    const executor = world.executorFor()
    const report = await executor.execute(p.payoutId, plan, await world.executor.ledger.signer(OWNER_PATH))
    expect(report.stopped).toBeUndefined()
    await settle(executor, 60_000)
    expect(getItems(world.db.read, p.payoutId).map((i) => i.status)).toEqual(rows.map(() => 'failed'))
    expect(
      await world.fx.balances(
        world.fx.native,
        rows.map((r) => r.to)
      )
    ).toEqual(rows.map(() => 0n))
    const status = await safeTxStatus(
      world.fx.rpc,
      safe.address,
      { nonce: p.tx.nonce, safeTxHash: safeTxHash(p.plan.chainId, p.plan.safe, p.tx) },
      p.safe.readAtBlock
    )
    expect(status.state).toBe(SAFE_TX_STATE.nonceConsumed)
  })
})
