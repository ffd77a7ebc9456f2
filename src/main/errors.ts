// Runs in: main (plain Node). Failures raised from more than one place, each built by one helper
// with one message, so the same problem always reads the same way.
import { AppFailure } from '../shared/errors'

export const notFound = (what: string, id: string): AppFailure =>
  new AppFailure(
    'not_found',
    `${what} ${id} does not exist. It may have been deleted on another screen; reload the list.`
  )

/** A payout or request names a currency this version of the app does not know. */
export const unknownAsset = (assetId: string): AppFailure =>
  new AppFailure(
    'unknown_asset',
    `Currency ${assetId} is not in this version of Treasury's catalogue. Choose a network and currency from the list, or update Treasury.`
  )

export const unknownNetwork = (chainId: number): AppFailure =>
  new AppFailure('unknown_network', `Chain ${chainId} is not a network Treasury knows. Choose one from the list.`)
