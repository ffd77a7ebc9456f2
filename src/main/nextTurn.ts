// Runs in: main (plain Node). One turn of the event loop: long work done a page at a time awaits it
// between pages, so the window's calls and the tracker's steps run in between.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
