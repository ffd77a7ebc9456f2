// Runs in: tests (plain Node, Vitest). The test node helper: anvil starts on a free loopback port,
// answers with its chain id, and stop() leaves no process behind.
import { describe, expect, it } from 'vitest'
import { startAnvil } from './anvil'

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('startAnvil', () => {
  it('serves the requested chain id on 127.0.0.1 and is gone after stop()', async () => {
    const node = await startAnvil({ chainId: 4242 })
    try {
      expect(node.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const res = await fetch(node.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })
      })
      expect(((await res.json()) as { result: string }).result).toBe('0x1092')
      expect(node.accounts[0]?.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    } finally {
      await node.stop()
    }
    expect(alive(node.pid)).toBe(false)
  })
})
