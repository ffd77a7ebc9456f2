// Runs in: renderer. Currencies named and amounts shown in their units for the policy screens:
// loads the whole catalogue once (rules may name any network's currency).
import { useEffect } from 'react'
import { formatMoney } from '../../../../../shared/money'
import { currencyName, useCatalogue } from '../../../stores/catalogue'

export interface AssetNames {
  /** "USDC on Ethereum" */
  readonly currency: (assetId: string) => string
  /** "5,000.00 USDC"; exact base units with the id when the currency is unknown here. */
  readonly amount: (assetId: string, baseUnits: string) => string
  readonly decimalsOf: (assetId: string) => number | undefined
  readonly loaded: boolean
}

export function useAssetNames(): AssetNames {
  const { networks, allAssets, loadNetworks, loadAllAssets } = useCatalogue()
  useEffect(() => {
    void loadNetworks()
    void loadAllAssets()
  }, [loadNetworks, loadAllAssets])
  const assetOf = (id: string) => allAssets?.find((a) => a.id === id)
  return {
    currency: (id) => currencyName(id, allAssets, networks),
    amount: (id, baseUnits) => {
      const a = assetOf(id)
      return a === undefined ? `${baseUnits} base units of ${id}` : formatMoney(baseUnits, a.decimals, a.symbol)
    },
    decimalsOf: (id) => assetOf(id)?.decimals,
    loaded: allAssets !== null
  }
}
