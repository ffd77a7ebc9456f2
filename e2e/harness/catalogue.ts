// Runs in: Playwright test runner. Assets the specs pay in, looked up through the app's own
// catalogue (never a hard-coded id), with the check that they are there.
import { expect } from './fixtures'
import type { AppUnderTest } from './launch'

const ETHEREUM = 1

/** The asset id of USDC on Ethereum, as the app's catalogue lists it. */
export async function usdcOnEthereum(app: AppUnderTest): Promise<string> {
  const assets = await app.call('listAssets', { chainId: ETHEREUM })
  expect(assets.ok).toBe(true)
  const usdc = assets.ok ? assets.value.find((a) => a.symbol === 'USDC') : undefined
  expect(usdc, 'USDC on Ethereum is in the catalogue').toBeDefined()
  return usdc!.id
}
