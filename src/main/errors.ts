// Runs in: main (plain Node). The error every service throws on purpose: a code a program can
// branch on and a message a finance person can act on. dispatch.ts turns it into a Result.
export class AppFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'AppFailure'
  }
}

export const notFound = (what: string, id: string): AppFailure =>
  new AppFailure(
    'not_found',
    `${what} ${id} does not exist. It may have been deleted on another screen; reload the list.`
  )
