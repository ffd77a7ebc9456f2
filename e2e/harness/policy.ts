// Runs in: Playwright test runner. The team's signed policy and submissions for specs whose subject
// is something else: a policy adopted through the contract (proposed, then signed by every first
// member on their own account of the emulated Ledger), and a draft submitted with every warning it
// lists acknowledged. Specs about the policy or the confirmation themselves drive the UI instead.
import type { Locator, Page } from '@playwright/test'
import type { PayoutDetail } from '../../src/shared/api'
import type { ApprovalPolicyView } from '../../src/shared/approvals'
import type { Result } from '../../src/shared/result'
import type { DevNetwork } from '../../src/test/devNetwork'
import { expect } from './fixtures'
import type { AppUnderTest } from './launch'

/** Different people are different accounts of the one emulated Ledger. */
export const ANA_PATH = "44'/60'/0'/0/0"
export const BORIS_PATH = "44'/60'/1'/0/0"
export const CHEN_PATH = "44'/60'/2'/0/0"

export interface TeamMember {
  readonly name: string
  readonly path: string
  readonly approver: boolean
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

/** The team's first policy, proposed and signed by every member: in force when this returns. */
export async function adoptPolicy(
  app: AppUnderTest & { readonly network: DevNetwork },
  team: readonly TeamMember[],
  options: { readonly threshold: number; readonly unsignedSubmissions?: boolean }
): Promise<ApprovalPolicyView> {
  value(
    await app.call('proposePolicy', {
      members: team.map((m) => ({
        name: m.name,
        address: app.network.emulator.addressOf(m.path),
        approver: m.approver
      })),
      threshold: options.threshold,
      requireApproval: true,
      unsignedSubmissions: options.unsignedSubmissions ?? false,
      amountRules: []
    })
  )
  let view: ApprovalPolicyView | null = null
  for (const m of team) view = value(await app.call('signPolicyProposal', { accountPath: m.path }))
  expect(view?.inForce?.sequence, 'the first policy version is in force').toBe(1)
  return view!
}

/** Submits a draft through the contract, acknowledging every warning the confirmation lists. */
export async function submitAcknowledged(
  app: AppUnderTest,
  id: string,
  options: { readonly accountPath: string | null; readonly payerAddress?: string | null }
): Promise<PayoutDetail> {
  const review = value(await app.call('reviewSubmission', { id }))
  return value(
    await app.call('submitPayout', {
      id,
      acknowledged: review.warnings.map((w) => w.kind),
      accountPath: options.accountPath,
      payerAddress: options.payerAddress ?? null
    })
  )
}

/** Opens a screen by its hash, as a link would. */
export async function openHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
  }, hash)
}

/**
 * Submits the draft on screen through the confirmation: ticks every warning kind it lists, signs
 * with `accountPath` (or submits unsigned where the policy allows), and waits for it to close.
 */
export async function submitThroughDialog(
  page: Page,
  signer: { readonly accountPath: string } | 'unsigned',
  inspect?: (dialog: Locator) => Promise<void>
): Promise<void> {
  await page.getByTestId('submit-payout').click()
  const dialog = page.getByTestId('submit-dialog')
  await expect(dialog.getByTestId('submit-review')).toBeVisible()
  await inspect?.(dialog)
  for (const box of await dialog.locator('[data-testid^="ack-"]').all()) await box.check()
  if (signer === 'unsigned') await dialog.getByTestId('submit-unsigned').check()
  else {
    const signed = dialog.getByTestId('submit-signed')
    if ((await signed.count()) > 0) await signed.check()
    await dialog.getByTestId('submit-path').fill(signer.accountPath)
  }
  await expect(dialog.getByTestId('submit-confirm')).toBeEnabled()
  await dialog.getByTestId('submit-confirm').click()
  await expect(dialog).not.toBeVisible({ timeout: 30_000 })
}
