// Runs in: renderer. Runs an async refresh at most once at a time: calls that arrive while it runs
// are folded into one more run after it, so a burst of progress events costs two reads, not twenty.

export function singleFlight(run: () => Promise<void>): () => void {
  let running = false
  let again = false
  const trigger = (): void => {
    if (running) {
      again = true
      return
    }
    running = true
    // `run` reports its own failures (api calls resolve to Results); a throw must not stop later refreshes.
    void run()
      .catch(() => undefined)
      .finally(() => {
        running = false
        if (again) {
          again = false
          trigger()
        }
      })
  }
  return trigger
}
