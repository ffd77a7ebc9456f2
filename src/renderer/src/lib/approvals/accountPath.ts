// Runs in: renderer. Ethereum account paths on a Ledger, as the approver picker offers them:
// Ledger Live numbers accounts 44'/60'/N'/0/0, the legacy layout 44'/60'/0'/N. Same shape main accepts.
import { ACCOUNT_PATH_PATTERN, type AccountScheme } from '../../../../shared/execution'

export const DEFAULT_ACCOUNT_PATH = "44'/60'/0'/0/0"

export function accountPath(scheme: AccountScheme, index: number): string {
  return scheme === 'ledgerLive' ? `44'/60'/${index}'/0/0` : `44'/60'/0'/${index}`
}

export function pathProblem(path: string): string | null {
  // The contract's path rule, checked here too so a typo is explained before the device is asked.
  return ACCOUNT_PATH_PATTERN.test(path.trim()) ? null : "Enter an Ethereum account path such as 44'/60'/0'/0/0."
}
