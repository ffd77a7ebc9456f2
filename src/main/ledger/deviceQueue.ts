// Runs in: main (plain Node). One request queue per device: a Ledger handles one request at a
// time, so every job (a whole hw-app-eth call, possibly several APDUs) runs alone and the others
// wait their turn in order. A failing job does not block the ones after it.

export interface DeviceQueue {
  /** Runs `job` after every job queued before it has settled. */
  run<T>(job: () => Promise<T>): Promise<T>
  /** Jobs queued or running. */
  readonly size: number
}

export function createDeviceQueue(): DeviceQueue {
  let tail: Promise<unknown> = Promise.resolve()
  let size = 0
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      size++
      const result = tail.then(job)
      tail = result.then(
        () => {
          size--
        },
        () => {
          size--
        }
      )
      return result
    },
    get size() {
      return size
    }
  }
}
