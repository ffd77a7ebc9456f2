// Runs in: renderer. An address (or hash) on one line in monospace: shortened in the middle where
// space is tight, the full value on hover, read by screen readers and put on the clipboard when the
// shortened text is copied. `full` shows it whole (where it is compared character by character).
import { shortHex } from '../lib/format'

interface Props {
  readonly value: string
  readonly full?: boolean
  readonly testId?: string
}

/** Characters kept at each end when shortened: enough to recognise, the whole value is one hover away. */
const KEEP = 6

export function Address({ value, full = false, testId }: Props) {
  const shown = full ? value : shortHex(value, KEEP)
  return (
    <span
      className="mono address nowrap"
      title={value}
      aria-label={shown === value ? undefined : value}
      data-testid={testId}
      data-address={value}
      onCopy={(e) => {
        if (shown === value) return
        e.preventDefault()
        e.clipboardData.setData('text/plain', value)
      }}
    >
      {shown}
    </span>
  )
}
