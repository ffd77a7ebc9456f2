// Runs in: main (plain Node). Which feature's handler module implements each contract method. The
// table names every method exactly once (the compiler refuses a missing or extra one), and each
// handler module is typed as the slice it owns, so the contract is the union of the slices.
import type { MethodName, TreasuryApi } from '../../shared/api'

export type Feature =
  | 'catalogue'
  | 'drafts'
  | 'registry'
  | 'submission'
  | 'approvals'
  | 'policy'
  | 'payment'
  | 'device'
  | 'endpoints'
  | 'addressBook'
  | 'settings'
  | 'automation'
  | 'accounting'
  | 'safe'

export const METHOD_OWNERS = {
  listNetworks: 'catalogue',
  listAssets: 'catalogue',
  checkRecipient: 'drafts',
  createPayout: 'drafts',
  updatePayout: 'drafts',
  getPayout: 'drafts',
  getPayoutRows: 'drafts',
  listPayouts: 'drafts',
  cancelPayout: 'drafts',
  patchPayoutRows: 'drafts',
  previewRegistry: 'registry',
  readImportRows: 'registry',
  exportPayout: 'registry',
  exportPayoutReport: 'registry',
  registryTemplate: 'registry',
  reviewSubmission: 'submission',
  submitPayout: 'submission',
  getApprovalReview: 'approvals',
  approvePayout: 'approvals',
  rejectPayout: 'approvals',
  exportForApproval: 'approvals',
  importApproval: 'approvals',
  importForApproval: 'approvals',
  listImportedForApproval: 'approvals',
  approveImported: 'approvals',
  exportApproval: 'approvals',
  getApprovalPolicy: 'policy',
  proposePolicy: 'policy',
  signPolicyProposal: 'policy',
  discardPolicyProposal: 'policy',
  exportPolicy: 'policy',
  importPolicy: 'policy',
  quotePayout: 'payment',
  executePayout: 'payment',
  retryPayout: 'payment',
  confirmRowNotPaid: 'payment',
  revokeAllowance: 'payment',
  signUnrecordedSendsStatement: 'payment',
  listPayoutTransactions: 'payment',
  replaceTransaction: 'payment',
  getDeviceStatus: 'device',
  listAccounts: 'device',
  verifyAccount: 'device',
  listEndpoints: 'endpoints',
  setEndpoint: 'endpoints',
  setSecondOpinion: 'endpoints',
  resetEndpoint: 'endpoints',
  checkEndpoint: 'endpoints',
  getRecipientSafety: 'addressBook',
  acknowledgeLookalike: 'addressBook',
  listAddressBook: 'addressBook',
  setAddressLabel: 'addressBook',
  removeAddressLabel: 'addressBook',
  getSettings: 'settings',
  updateSettings: 'settings',
  getPreferences: 'settings',
  setPayerAccount: 'settings',
  setGridColumns: 'settings',
  getNotices: 'settings',
  verifyAuditLog: 'settings',
  checkPayoutPaidRows: 'settings',
  getAutomation: 'automation',
  updateAutomation: 'automation',
  createApiToken: 'automation',
  revokeApiToken: 'automation',
  addWebhook: 'automation',
  removeWebhook: 'automation',
  exportAccounting: 'accounting',
  reconcilePayouts: 'accounting',
  getPayoutAccounting: 'accounting',
  setTypedRate: 'accounting',
  estimatePayoutFiat: 'accounting',
  repeatPayout: 'accounting',
  createSchedule: 'accounting',
  listSchedules: 'accounting',
  setScheduleActive: 'accounting',
  deleteSchedule: 'accounting',
  addSafeAccount: 'safe',
  listSafeAccounts: 'safe',
  removeSafeAccount: 'safe',
  quoteSafePayout: 'safe',
  planSafePayout: 'safe',
  getSafePayout: 'safe',
  exportSafeTransaction: 'safe',
  importSafeTransaction: 'safe',
  signSafeTransaction: 'safe',
  exportSafeSignature: 'safe',
  importSafeSignature: 'safe',
  executeSafeTransaction: 'safe',
  cancelSafeTransaction: 'safe',
  exportTransactionBuilder: 'safe'
} as const satisfies Record<MethodName, Feature>

type OwnedBy<F extends Feature> = {
  [M in MethodName]: (typeof METHOD_OWNERS)[M] extends F ? M : never
}[MethodName]

/** The slice of the contract a feature's handler module implements, and nothing else. */
export type HandlersOf<F extends Feature> = Pick<TreasuryApi, OwnedBy<F>>
