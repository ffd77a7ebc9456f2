// Runs in: renderer. Earlier policy versions, newest first, each folded: when it took effect, its
// hash, who signed it, and its content on demand.
import type { PolicyVersionView } from '../../../../../shared/approvals'
import { formatDateTime, shortHex } from '../../../lib/format'
import { PolicyContent } from './PolicyContent'
import { PolicySignatures } from './PolicySignatures'
import type { AssetNames } from './useAssetNames'

export function PolicyHistory({
  versions,
  names
}: {
  readonly versions: readonly PolicyVersionView[]
  readonly names: AssetNames
}) {
  if (versions.length === 0) return null
  return (
    <section className="policy-history" aria-labelledby="policy-history-title" data-testid="policy-history">
      <h3 id="policy-history-title">Earlier versions</h3>
      {[...versions].reverse().map((v) => (
        <details key={v.hash} className="policy-history__version" data-testid="policy-history-version">
          <summary>
            Version {v.sequence} · in force from {formatDateTime(v.adoptedAt)} ·{' '}
            <span className="mono" title={v.hash}>
              {shortHex(v.hash, 6)}
            </span>
          </summary>
          <PolicyContent content={v} names={names} />
          <PolicySignatures signatures={v.signatures} />
        </details>
      ))}
    </section>
  )
}
