// Runs in: renderer. On the Approvals screen of a desk without a team policy: payouts submitted here
// need nobody's approval until one is set up, which a new desk would otherwise learn only when its
// first payout goes straight to paying. Says so, and where the policy is set up.
import { useEffect } from 'react'
import { usePolicy } from '../../stores/policy'
import { routeHref } from '../../lib/route'

export function NoPolicyNotice() {
  const { policy, load } = usePolicy()
  useEffect(() => {
    if (policy === null) void load()
  }, [policy, load])
  if (policy === null || policy.inForce !== null) return null
  return (
    <p className="notice" data-testid="no-policy-notice">
      This desk has no team policy yet, so payouts submitted here need no approval: they go straight to paying. To
      require approvals, set up the team policy (its members and how many must approve) in{' '}
      <a href={routeHref({ name: 'settings' })}>Settings</a>, or import the policy file your team already uses there.
    </p>
  )
}
