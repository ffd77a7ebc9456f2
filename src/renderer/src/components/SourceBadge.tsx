// Runs in: renderer. Where a payout came from: this desk, or automation (inbox folder, REST API,
// command line) with the file, token or user, and the other system's id when it gave one.
import { payoutSourceLabel, type PayoutSource } from '../../../shared/automation'
import '../styles/automation.css'

export function sourceTitle(source: PayoutSource): string {
  if (source.kind === 'app') return 'Drafted at this desk'
  const id = source.externalId === null ? '' : `, external id ${source.externalId}`
  return `Drafted by automation: ${payoutSourceLabel(source)} "${source.name}"${id}`
}

export function SourceBadge({ source }: { readonly source: PayoutSource }) {
  if (source.kind === 'app')
    return (
      <span className="source muted" data-testid="payout-source" data-source={source.kind}>
        {payoutSourceLabel(source)}
      </span>
    )
  return (
    <span
      className="source source--automated"
      title={sourceTitle(source)}
      data-testid="payout-source"
      data-source={source.kind}
    >
      <span className="source__kind">{payoutSourceLabel(source)}</span>
      <span className="source__name">· {source.name}</span>
    </span>
  )
}
