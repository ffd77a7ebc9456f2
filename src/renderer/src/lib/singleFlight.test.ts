// Runs in: Vitest (node). A refresh triggered many times while it runs reads once more, not once per trigger.
import { describe, expect, it } from 'vitest'
import { singleFlight } from './singleFlight'

function gate(): { readonly wait: Promise<void>; readonly open: () => void } {
  let open = (): void => undefined
  const wait = new Promise<void>((resolve) => {
    open = resolve
  })
  return { wait, open }
}

describe('singleFlight', () => {
  it('folds every trigger during a run into one more run after it', async () => {
    const gates = [gate(), gate()]
    let runs = 0
    const done = gate()
    const trigger = singleFlight(async () => {
      const mine = gates[runs]
      runs++
      if (mine !== undefined) await mine.wait
      if (runs === 2) done.open()
    })
    trigger()
    trigger()
    trigger()
    trigger()
    expect(runs).toBe(1)
    gates[0]?.open()
    gates[1]?.open()
    await done.wait
    expect(runs).toBe(2)
  })

  it('keeps working after a run that fails', async () => {
    let runs = 0
    const second = gate()
    const trigger = singleFlight(async () => {
      runs++
      if (runs === 1) throw new Error('read failed')
      second.open()
    })
    trigger()
    await Promise.resolve()
    await new Promise((r) => setTimeout(r, 0))
    trigger()
    await second.wait
    expect(runs).toBe(2)
  })
})
