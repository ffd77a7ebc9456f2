// Runs in: renderer. What a desk with no team policy shows: what the policy is, that it is set up
// once and signed by every first member on their own Ledger, and the steps to get there.
export function FirstPolicyIntro({ onStart }: { readonly onStart: () => void }) {
  return (
    <div className="policy-intro" data-testid="policy-intro">
      <p>
        <strong>No team policy yet.</strong> Until there is one, payouts need no approval and anyone at this desk can
        submit them.
      </p>
      <p>
        The team policy says who the team is (each person’s name and Ledger address), who approves payouts and how many
        approvals a payout needs. It is set up once and signed by every first member on their own Ledger; after that,
        nobody at a desk can change it alone: each change needs the approvers’ signatures.
      </p>
      <ol className="policy-intro__steps">
        <li>List every member with the address their Ledger shows, and tick the approvers.</li>
        <li>Choose how many approvals a payout needs, then propose the policy.</li>
        <li>
          Each member signs it with their Ledger: here, or at their own desk with “Export for co-signing” and the file
          they send back.
        </li>
        <li>It takes effect as soon as the last member has signed.</li>
      </ol>
      <button type="button" className="button button--primary" onClick={onStart} data-testid="start-policy">
        Set up the team policy
      </button>
      <p className="hint policy-intro__join">
        Your team already has a policy, set up at another desk? Import its policy file below instead.
      </p>
    </div>
  )
}
