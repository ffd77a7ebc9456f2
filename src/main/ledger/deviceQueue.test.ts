// One request at a time per device, in order; a failure does not block the next request.
import { describe, expect, it } from 'vitest'
import { createDeviceQueue } from './deviceQueue'

describe('device queue', () => {
  it('never runs two jobs at once and keeps their order', async () => {
    const queue = createDeviceQueue()
    let running = 0
    let maxRunning = 0
    const order: number[] = []
    const job = (n: number) => async () => {
      running++
      maxRunning = Math.max(maxRunning, running)
      await new Promise((r) => setTimeout(r, 5))
      order.push(n)
      running--
      return n
    }
    const results = await Promise.all([1, 2, 3, 4].map((n) => queue.run(job(n))))
    expect(results).toEqual([1, 2, 3, 4])
    expect(order).toEqual([1, 2, 3, 4])
    expect(maxRunning).toBe(1)
    expect(queue.size).toBe(0)
  })

  it('goes on with the next job after one fails', async () => {
    const queue = createDeviceQueue()
    const failed = queue.run(async () => {
      throw new Error('rejected')
    })
    const next = queue.run(async () => 'ok')
    await expect(failed).rejects.toThrow('rejected')
    await expect(next).resolves.toBe('ok')
  })
})
