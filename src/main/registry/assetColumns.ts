// Runs in: main (pure, no I/O) and the registry worker thread.
// Columns that say what is being paid (Safe's token_type/token_address, a currency or symbol, a
// chain id). A payout pays one asset on one network: a row whose columns name another is an error
// on that row, never silently paid in the payout's asset. Empty cells agree with anything.
import type { Issue } from '../../shared/api'
import { SEVERITY_ERROR, type RegistryAsset } from './types'

export interface AssetCells {
  readonly tokenType?: string
  readonly tokenAddress?: string
  readonly currency?: string
  readonly chainId?: string
}

const ERC20_TYPES = new Set(['erc20', 'erc 20', 'erc-20', 'token'])
const NATIVE_TYPES = new Set(['native', 'coin'])
const NFT_TYPES = new Set(['erc721', 'erc-721', 'erc1155', 'erc-1155', 'nft'])
const ADDRESS_TEXT = /^0x[0-9a-f]{40}$/i

export function checkAssetColumns(cells: AssetCells, asset: RegistryAsset, sourceRow: number): Issue[] {
  const issues: Issue[] = []
  const paying =
    asset.tokenAddress === undefined
      ? `the network's native ${asset.symbol}`
      : `${asset.symbol} (${asset.tokenAddress})`
  const mismatch = (what: string): void => {
    issues.push({
      field: 'asset',
      severity: SEVERITY_ERROR,
      code: 'asset_mismatch',
      message: `Row ${sourceRow}: ${what}, but this payout pays ${paying}. Remove the row or create a payout for that asset.`
    })
  }
  const tokenType = (cells.tokenType ?? '').trim().toLowerCase()
  if (tokenType !== '') {
    if (NFT_TYPES.has(tokenType)) {
      issues.push({
        field: 'asset',
        severity: SEVERITY_ERROR,
        code: 'asset_nft_not_supported',
        message: `Row ${sourceRow}: token type "${cells.tokenType?.trim()}" is an NFT transfer; payouts send ${asset.symbol} only.`
      })
    } else if (asset.tokenAddress === undefined ? !NATIVE_TYPES.has(tokenType) : !ERC20_TYPES.has(tokenType)) {
      mismatch(`token type is "${cells.tokenType?.trim()}"`)
    }
  }
  const tokenAddress = (cells.tokenAddress ?? '').trim()
  if (tokenAddress !== '' && !sameToken(tokenAddress, asset)) mismatch(`the token address is ${tokenAddress}`)
  const currency = (cells.currency ?? '').trim()
  if (currency !== '') {
    const agrees = ADDRESS_TEXT.test(currency)
      ? sameToken(currency, asset)
      : currency.toLowerCase() === asset.symbol.toLowerCase()
    if (!agrees) mismatch(`the currency is "${currency}"`)
  }
  const chainId = (cells.chainId ?? '').trim()
  if (chainId !== '' && chainIdValue(chainId) !== BigInt(asset.chainId))
    mismatch(`the chain id is ${chainId} (this network's is ${asset.chainId})`)
  return issues
}

function sameToken(text: string, asset: RegistryAsset): boolean {
  return (
    asset.tokenAddress !== undefined &&
    ADDRESS_TEXT.test(text) &&
    text.toLowerCase() === asset.tokenAddress.toLowerCase()
  )
}

function chainIdValue(text: string): bigint | null {
  if (/^[0-9]{1,20}$/.test(text)) return BigInt(text)
  if (/^0x[0-9a-f]{1,16}$/i.test(text)) return BigInt(text)
  return null
}
