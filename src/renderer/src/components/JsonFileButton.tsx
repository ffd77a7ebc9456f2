// Runs in: renderer. The button that picks one of the JSON files desks exchange (approval requests
// and approvals, policy versions, Safe transactions and signatures): a label styled as a button
// around a hidden file input, disabled while the desk is busy, saying "Importing…" meanwhile.
interface Props {
  /** "Import approval…": what the button does. */
  readonly label: string
  /** This import is running: the button says so. */
  readonly importing: boolean
  /** Another action of the same panel is running: the button waits for it. */
  readonly disabled?: boolean
  readonly variant?: 'small' | 'primary' | 'normal'
  readonly onFile: (input: HTMLInputElement) => void
  readonly testId: string
}

const VARIANT_CLASS: Readonly<Record<NonNullable<Props['variant']>, string>> = {
  small: 'button button--small',
  primary: 'button button--primary',
  normal: 'button'
}

export function JsonFileButton({ label, importing, disabled = false, variant = 'small', onFile, testId }: Props) {
  const off = importing || disabled
  return (
    <label className={off ? `${VARIANT_CLASS[variant]} button--disabled` : VARIANT_CLASS[variant]}>
      {importing ? 'Importing…' : label}
      <input
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        disabled={off}
        onChange={(e) => onFile(e.currentTarget)}
        data-testid={testId}
      />
    </label>
  )
}
