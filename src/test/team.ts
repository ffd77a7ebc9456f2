// Runs in: tests (plain Node). People with their own (emulated) Ledgers, and desks: Treasury
// instances on their own data folders whose USB port holds whichever Ledger is plugged in, as
// people at one desk swap devices. A team's signed policy is set up the way the app requires: one
// proposal, then each member signs it on their own device.
import type { ApprovalPolicyView, PolicyMemberView } from '../shared/approvals'
import type { ParsedInputOf } from '../shared/api'
import { createLedgerEmulator, type LedgerEmulator } from '../main/ledger/emulator'
import { createSessionSecretStore } from '../main/secrets'
import { createTreasury, type Treasury } from '../main/treasury'
import { tempDir } from './tempDir'

export const ACCOUNT = "44'/60'/0'/0/0"
/** A second account of the same Ledger: the same person, another address. */
export const SECOND_ACCOUNT = "44'/60'/0'/0/1"

const SEEDS = {
  Ana: 'test test test test test test test test test test test junk',
  Boris: 'legal winner thank year wave sausage worth useful legal winner thank yellow',
  Chen: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  Dora: 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
  Eve: 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong'
} as const
export type PersonName = keyof typeof SEEDS

export interface Person {
  readonly name: PersonName
  /** Account 0 of the person's Ledger: their identity. */
  readonly address: string
  /** Another account of the same Ledger. */
  addressAt(path: string): string
}

export function person(name: PersonName): Person {
  const device = createLedgerEmulator({ mnemonic: SEEDS[name] })
  return { name, address: device.addressOf(ACCOUNT), addressAt: (path) => device.addressOf(path) }
}

export interface Desk {
  readonly t: Treasury
  readonly dataDir: string
  /** Unplugs the device in use and plugs in `who`'s, as a person swapping Ledgers would. */
  plug(who: Person): Promise<void>
  /** `who`'s Ledger as this desk sees it (its screens are what the person was shown here). */
  device(who: Person): LedgerEmulator
}

export function desk(first: Person, dataDir = tempDir('treasury-desk-')): Desk {
  // Each person brings their own Ledger to this desk: the same seed, so the same addresses.
  const devices = new Map<PersonName, LedgerEmulator>()
  const deviceOf = (who: Person): LedgerEmulator => {
    let d = devices.get(who.name)
    if (d === undefined) {
      d = createLedgerEmulator({ mnemonic: SEEDS[who.name] })
      devices.set(who.name, d)
    }
    return d
  }
  let plugged = deviceOf(first)
  const t = createTreasury({
    dataDir,
    secrets: createSessionSecretStore(),
    ledger: { openTransport: () => plugged.openTransport() }
  })
  return {
    t,
    dataDir,
    device: deviceOf,
    async plug(who) {
      const next = deviceOf(who)
      if (plugged === next) return
      plugged.unplug()
      await t.getDeviceStatus({}) // the service sees the device go
      next.plugIn()
      plugged = next
    }
  }
}

export type PolicyInput = ParsedInputOf<'proposePolicy'>

export function member(who: Person, approver: boolean): PolicyMemberView {
  return { name: who.name, address: who.address, approver }
}

/** Proposes `input` at `d` and has each of `signers` sign it on their own Ledger, in turn. */
export async function adopt(d: Desk, input: PolicyInput, signers: readonly Person[]): Promise<ApprovalPolicyView> {
  await d.t.proposePolicy(input)
  let view: ApprovalPolicyView | null = null
  for (const who of signers) {
    await d.plug(who)
    view = await d.t.signPolicyProposal({ accountPath: ACCOUNT })
  }
  if (view === null) throw new Error('nobody signed')
  return view
}

/** A policy where `approvers` approve, `threshold` of them must, approval is on and submissions are signed. */
export function policyOf(
  members: readonly PolicyMemberView[],
  threshold: number,
  overrides: Partial<PolicyInput> = {}
): PolicyInput {
  return {
    members: [...members],
    threshold,
    requireApproval: true,
    unsignedSubmissions: false,
    amountRules: [],
    ...overrides
  }
}
