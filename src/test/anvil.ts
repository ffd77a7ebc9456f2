// Runs in: tests and dev scripts (plain Node). Starts a real anvil node on a free loopback port,
// waits until it answers, and stops it by PID. Accounts are anvil's well-known development keys.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { HDNodeWallet, Mnemonic } from 'ethers'

/** anvil's default development mnemonic: public test keys, never holding real funds. */
const DEV_MNEMONIC = 'test test test test test test test test test test test junk'
const NODE_MODULES = join(__dirname, '..', '..', 'node_modules')

/**
 * The native binary from @foundry-rs/anvil's platform package. Not node_modules/.bin/anvil: that is
 * a Node wrapper that spawns the binary, and killing the wrapper by PID would orphan the node.
 */
export function anvilBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  const name = process.platform === 'win32' ? 'anvil.exe' : 'anvil'
  const native = join(NODE_MODULES, '@foundry-rs', `anvil-${process.platform}-${arch}`, 'bin', name)
  if (!existsSync(native))
    throw new Error(`anvil binary not found at ${native}; run npm install (the @foundry-rs/anvil optional dependency).`)
  return native
}
const READY_TIMEOUT_MS = 20_000
const DEFAULT_CHAIN_ID = 31337

export interface AnvilAccount {
  readonly address: string
  readonly privateKey: string
}

export interface AnvilNode {
  readonly url: string
  readonly port: number
  readonly chainId: bigint
  readonly pid: number
  readonly accounts: readonly AnvilAccount[]
  stop(): Promise<void>
}

export interface AnvilOptions {
  /** Seconds between blocks; by default anvil mines one block per transaction. */
  readonly blockTime?: number
  /** Keep transactions in the pool until `evm_mine` is called. */
  readonly noMining?: boolean
  readonly chainId?: number
  readonly accounts?: number
  /** Balance of each account in whole ETH. */
  readonly balanceEth?: number
  readonly gasLimit?: bigint
  /** Keep the state of only this many recent blocks, as a node without archive state does. */
  readonly pruneHistory?: number
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export function devAccounts(count: number): AnvilAccount[] {
  const mnemonic = Mnemonic.fromPhrase(DEV_MNEMONIC)
  return Array.from({ length: count }, (_, i) => {
    const w = HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`)
    return { address: w.address, privateKey: w.privateKey }
  })
}

async function answersChainId(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1_000)
    })
    return res.ok
  } catch {
    return false
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
}

async function startOnce(options: AnvilOptions): Promise<AnvilNode | undefined> {
  const port = await freePort()
  const chainId = options.chainId ?? DEFAULT_CHAIN_ID
  const accountCount = options.accounts ?? 10
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--silent',
    '--chain-id',
    String(chainId),
    '--accounts',
    String(accountCount)
  ]
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime))
  if (options.noMining) args.push('--no-mining')
  if (options.balanceEth !== undefined) args.push('--balance', String(options.balanceEth))
  if (options.gasLimit !== undefined) args.push('--gas-limit', options.gasLimit.toString())
  if (options.pruneHistory !== undefined) args.push('--prune-history', String(options.pruneHistory))
  const child = spawn(anvilBinary(), args, { stdio: 'ignore' })
  const pid = child.pid
  if (pid === undefined) throw new Error('anvil did not start (no PID)')
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return undefined // most likely the port was taken in between: retry
    if (await answersChainId(url)) {
      return {
        url,
        port,
        pid,
        chainId: BigInt(chainId),
        accounts: devAccounts(accountCount),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL')
          await exited(child)
        }
      }
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  process.kill(pid, 'SIGKILL')
  throw new Error(`anvil did not answer on ${url} within ${READY_TIMEOUT_MS} ms`)
}

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilNode> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const node = await startOnce(options)
    if (node) return node
  }
  throw new Error('anvil exited at start three times')
}
