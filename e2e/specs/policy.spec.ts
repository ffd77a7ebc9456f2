// Runs in: Playwright test runner. The team's signed approval policy through Settings, with the
// emulated Ledger (auto-approve; each person is one of its accounts: Ana 0, Boris 1, Chen 2). The
// first version is set up once, members' addresses read from their own accounts, and takes effect
// only when every member has signed it. A later change proposed on one desk is exported, adopted
// and co-signed on a second desk (its own data folder), and in force on the first once imported back.
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'
import { electronBinary } from '../harness/electronBinary'
import { downloadOf } from '../harness/download'
import { launchApp } from '../harness/launch'
import { ANA_PATH, BORIS_PATH, CHEN_PATH, adoptPolicy, openHash } from '../harness/policy'
import { shot } from '../harness/shots'

/** Device round trips on a loaded machine: generous, never a timing assertion. */
const DEVICE_TIMEOUT = 30_000
const FLOW_TIMEOUT = 180_000

/** Adds a member in the open editor, reading the address from their account on the Ledger. */
async function addMember(page: Page, name: string, path: string, approver: boolean, expected: string): Promise<void> {
  const form = page.getByTestId('add-member-form')
  await form.getByTestId('member-name-input').fill(name)
  await form.getByTestId('member-path').fill(path)
  await form.getByTestId('member-read-address').click()
  await expect(form.getByTestId('member-address-input')).toHaveValue(expected, { timeout: DEVICE_TIMEOUT })
  await expect(form.getByTestId('member-address-source')).toContainText('confirmed this address on their device')
  if (approver) await form.getByTestId('member-approver-input').check()
  await form.getByTestId('add-member').click()
}

async function signProposal(page: Page, path: string): Promise<void> {
  const proposal = page.getByTestId('policy-proposal')
  await proposal.getByTestId('proposal-path').fill(path)
  await proposal.getByTestId('sign-proposal').click()
  await expect(page.getByTestId('policy-status')).toContainText('Signed', { timeout: DEVICE_TIMEOUT })
}

test('the team’s first policy is set up in Settings and takes effect once every member has signed it', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  const address = (path: string): string => chainApp.network.emulator.addressOf(path)
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  await openHash(page, '#/settings')
  const policy = page.getByTestId('approval-policy')
  await expect(policy.getByTestId('policy-intro')).toContainText('signed by every first member')
  await shot(page, 'policy-none', policy)
  await policy.getByTestId('start-policy').click()

  await addMember(page, 'Ana', ANA_PATH, false, address(ANA_PATH))
  await addMember(page, 'Boris', BORIS_PATH, true, address(BORIS_PATH))
  await addMember(page, 'Chen', CHEN_PATH, true, address(CHEN_PATH))
  await expect(policy.getByTestId('draft-member')).toHaveCount(3)
  await policy.getByTestId('draft-threshold').selectOption('2')
  await expect(policy.getByTestId('draft-problems')).toHaveCount(0)
  await shot(page, 'policy-editor', policy.getByTestId('policy-editor'))
  await policy.getByTestId('propose-policy').click()

  // Nothing is in force yet: every member must sign with their own account.
  const proposal = policy.getByTestId('policy-proposal')
  await expect(proposal).toContainText('Proposed: version 1')
  await expect(proposal.getByTestId('missing-member')).toHaveCount(3)
  await expect(policy.getByTestId('policy-in-force')).toHaveCount(0)
  await signProposal(page, ANA_PATH)
  await expect(page.getByTestId('policy-status')).toContainText('waits for the signatures still listed')
  await expect(proposal.getByTestId('missing-member')).toHaveCount(2)
  await expect(proposal.getByTestId('policy-signature')).toHaveCount(1)
  // A signature from someone the proposal does not name is refused before the device is asked.
  await proposal.getByTestId('proposal-path').fill("44'/60'/7'/0/0")
  await proposal.getByTestId('sign-proposal').click()
  await expect(policy.getByTestId('error-alert')).toHaveAttribute('data-code', 'policy_signer_not_required', {
    timeout: DEVICE_TIMEOUT
  })
  await signProposal(page, BORIS_PATH)
  await signProposal(page, CHEN_PATH)
  await expect(page.getByTestId('policy-status')).toHaveText('Signed. Version 1 is now in force.')

  const inForce = policy.getByTestId('policy-in-force')
  await expect(inForce).toHaveAttribute('data-sequence', '1')
  await expect(inForce.getByTestId('member-name')).toHaveText(['Ana', 'Boris', 'Chen'])
  for (const path of [ANA_PATH, BORIS_PATH, CHEN_PATH])
    await expect(inForce.locator(`[data-testid="member-address"][data-address="${address(path)}"]`)).toHaveCount(1)
  await expect(inForce.getByTestId('policy-threshold')).toHaveText('2 of 2 approvers')
  await expect(inForce.getByTestId('policy-signature')).toHaveCount(3)
  await expect(policy.getByTestId('policy-proposal')).toHaveCount(0)
  // Every approver is needed: a payout one of them submits could never be approved.
  await expect(inForce.getByTestId('policy-hint')).toContainText('Add approvers if approvers submit payouts too')
  await expect(policy.getByTestId('propose-change')).toBeVisible()
  await shot(page, 'policy-in-force', inForce)
})

test('a change proposed on one desk is co-signed on a second desk by file and is in force on both', async ({
  chainApp,
  browser
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const first = chainApp.page
  await expect(first.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  await adoptPolicy(
    chainApp,
    [
      { name: 'Ana', path: ANA_PATH, approver: true },
      { name: 'Boris', path: BORIS_PATH, approver: true }
    ],
    { threshold: 2 }
  )

  // Desk 1: Ana proposes adding Chen as an approver and a TUSD amount rule, and signs it.
  await openHash(first, '#/settings')
  const policy = first.getByTestId('approval-policy')
  await expect(policy.getByTestId('policy-in-force')).toHaveAttribute('data-sequence', '1')
  await policy.getByTestId('propose-change').click()
  await expect(policy.getByTestId('draft-member')).toHaveCount(2)
  await addMember(first, 'Chen', CHEN_PATH, true, chainApp.network.emulator.addressOf(CHEN_PATH))
  await policy.getByTestId('add-rule').click()
  const rule = policy.getByTestId('rule-row')
  await rule.getByTestId('rule-asset').selectOption({ label: 'TUSD · Local development' })
  await rule.getByTestId('rule-amount').fill('500')
  await policy.getByTestId('propose-policy').click()
  const proposal = policy.getByTestId('policy-proposal')
  await expect(proposal.getByTestId('proposal-change')).toHaveText([
    /^Adds Chen \(0x.+\) as an approver$/,
    'New rule: no approval up to 500.00 TUSD'
  ])
  await expect(proposal.getByTestId('missing-approvals')).toContainText('2 approvers of version 1, from: Ana, Boris')
  await expect(proposal.getByTestId('missing-member')).toContainText('Chen')
  await signProposal(first, ANA_PATH)
  await expect(proposal.getByTestId('missing-approvals')).toContainText('1 approver of version 1, from: Boris')
  await shot(first, 'policy-open-proposal', proposal)
  const outgoing = await downloadOf(first, () => policy.getByTestId('export-policy').click())
  expect(outgoing.name).toBe('treasury-policy-v2.json')

  // Desk 2, its own data folder: adopts the team from the file, then Boris and Chen sign there.
  const second = await launchApp(electronBinary().path === null ? browser : null, {
    devNetwork: chainApp.network,
    hash: '#/settings'
  })
  try {
    const page = second.page
    const remote = page.getByTestId('approval-policy')
    await expect(remote.getByTestId('policy-intro')).toBeVisible()
    await remote.getByTestId('import-policy-input').setInputFiles(outgoing)
    const adopt = remote.getByTestId('adopt-team')
    await expect(adopt).toContainText('Is this your team?')
    await expect(adopt.getByTestId('adopt-member')).toHaveCount(2)
    await adopt.getByTestId('adopt-confirm').click()
    await expect(remote.getByTestId('policy-in-force')).toHaveAttribute('data-sequence', '1')
    await expect(remote.getByTestId('policy-proposal').getByTestId('policy-signature')).toHaveCount(1)
    await signProposal(page, BORIS_PATH)
    await signProposal(page, CHEN_PATH)
    await expect(remote.getByTestId('policy-in-force')).toHaveAttribute('data-sequence', '2')
    const back = await downloadOf(page, () => remote.getByTestId('export-policy').click())

    // Desk 1 imports it back: version 2 is verified link by link and in force there too.
    await policy.getByTestId('import-policy-input').setInputFiles(back)
    await expect(policy.getByTestId('policy-in-force')).toHaveAttribute('data-sequence', '2')
    await expect(policy.getByTestId('policy-in-force').getByTestId('member-name')).toHaveText(['Ana', 'Boris', 'Chen'])
    await expect(policy.getByTestId('policy-in-force').getByTestId('policy-rule')).toContainText('500.00 TUSD')
    await expect(policy.getByTestId('policy-proposal')).toHaveCount(0)
    await expect(policy.getByTestId('policy-history-version')).toHaveCount(1)
  } finally {
    await second.close()
  }
})
