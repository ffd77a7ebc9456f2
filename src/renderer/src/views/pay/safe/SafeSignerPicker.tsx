// Runs in: renderer. The Ledger account an owner signs a Safe transaction with on this desk, chosen
// beside the Sign button, and whether the Safe counts it: the owner's roster name when it is one of
// the Safe's owners, or a warning that the Safe would refuse its signature.
import type { SafeOwnerView } from '../../../../../shared/safe'
import { PayerAccountPicker } from '../../../components/device/PayerAccountPicker'
import { knownAccounts, useDevice } from '../../../stores/device'
import { usePayerPath } from '../../../stores/preferences'

interface Props {
  readonly chainId: number
  readonly owners: readonly SafeOwnerView[]
}

export function SafeSignerPicker({ chainId, owners }: Props) {
  const path = usePayerPath(chainId)
  const accounts = useDevice((s) => s.accounts)
  const address = knownAccounts(accounts).find((a) => a.path === path)?.address ?? null
  const owner = owners.find((o) => o.address.toLowerCase() === address?.toLowerCase())
  return (
    <div className="safe-signer" data-testid="safe-signer">
      <h3 className="pay-step__title">Your signing account</h3>
      <PayerAccountPicker chainId={chainId} />
      {address === null ? null : owner === undefined ? (
        <p className="text-warning" role="status" data-testid="safe-signer-owner">
          This account is not an owner of this Safe: the Safe would refuse its signature. Choose the account you own the
          Safe with.
        </p>
      ) : (
        <p className="text-ok" role="status" data-testid="safe-signer-owner">
          {owner.name === null ? 'This account is an owner of this Safe.' : `${owner.name} is an owner of this Safe.`}
        </p>
      )}
    </div>
  )
}
