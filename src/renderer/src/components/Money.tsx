// Runs in: renderer. An amount in base units shown exactly, with its symbol; tabular digits.
import { formatBaseUnits } from '../../../shared/money'

interface Props {
  readonly baseUnits: string
  readonly decimals: number
  readonly symbol: string
}

export function Money({ baseUnits, decimals, symbol }: Props) {
  const text = formatBaseUnits(baseUnits, decimals)
  if (text === null) return <span className="money money--invalid">—</span>
  return (
    <span className="money">
      <span className="money__amount">{text}</span> <span className="money__symbol">{symbol}</span>
    </span>
  )
}
