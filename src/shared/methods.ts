// Runs in: every process. The names of the contract's methods, with no dependency at all, so the
// sandboxed preload can generate its bridge from this list without bundling the schemas.
export const METHOD_NAMES = [
  'listNetworks',
  'listAssets',
  'checkRecipient',
  'createPayout',
  'updatePayout',
  'getPayout',
  'listPayouts',
  'cancelPayout',
  'previewRegistry',
  'patchPayoutRows',
  'submitPayout',
  'retryPayout',
  'listPayoutTransactions',
  'replaceTransaction',
  'exportPayout',
  'registryTemplate',
  'getDeviceStatus',
  'listAccounts',
  'verifyAccount',
  'listEndpoints',
  'setEndpoint',
  'resetEndpoint',
  'checkEndpoint',
  'quotePayout',
  'executePayout',
  'getNotices',
  'getSettings',
  'updateSettings'
] as const

export type MethodName = (typeof METHOD_NAMES)[number]

export const IPC_PREFIX = 'treasury:'
export const EVENT_CHANNEL = 'treasury:event'
