// Runs in: renderer. The network choice: main networks first, test and development networks
// grouped apart so real money is not sent on a test chain by accident (or the other way round).
import type { Ref } from 'react'
import type { Network } from '../../../../shared/api'

interface Props {
  readonly ref?: Ref<HTMLSelectElement>
  readonly id: string
  readonly networks: readonly Network[] | null
  readonly value: string
  readonly invalid: boolean
  readonly describedBy: string | undefined
  readonly onChange: (chainId: string) => void
}

export function NetworkSelect({ ref, id, networks, value, invalid, describedBy, onChange }: Props) {
  const main = (networks ?? []).filter((n) => !n.testnet && !n.development)
  const test = (networks ?? []).filter((n) => n.testnet || n.development)
  return (
    <select
      ref={ref}
      id={id}
      className="input"
      value={value}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      data-testid="field-network"
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{networks === null ? 'Loading networks…' : 'Choose a network…'}</option>
      {main.map((n) => (
        <option key={n.chainId} value={String(n.chainId)}>
          {n.name}
        </option>
      ))}
      {test.length === 0 ? null : (
        <optgroup label="Test and development networks (no real value)">
          {test.map((n) => (
            <option key={n.chainId} value={String(n.chainId)}>
              {n.name}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  )
}
