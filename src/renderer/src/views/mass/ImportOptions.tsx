// Runs in: renderer. How the import read the file, and the controls to change it: encoding (with
// a warning when it was assumed), delimiter, sheet, header row, column mapping, decimal separator,
// and each amount whose reading depended on the separator.
import { useId } from 'react'
import type { RegistryPreview } from '../../../../shared/api'
import {
  DELIMITERS,
  ENCODINGS,
  MAPPING_FIELDS,
  type Delimiter,
  type Encoding,
  type ImportState,
  type ImportStep,
  type MappingField,
  encodingNotice
} from '../../lib/mass/importPreview'

interface Props {
  readonly preview: RegistryPreview
  readonly options: ImportState['options']
  readonly step: ImportStep
  readonly showDecimal: boolean
  readonly onEncoding: (e: Encoding) => void
  readonly onDelimiter: (d: Delimiter) => void
  readonly onSheet: (s: string) => void
  readonly onDecimal: (s: '.' | ',') => void
  readonly onHasHeader: (h: boolean) => void
  readonly onMap: (field: MappingField, column: string) => void
}

const isEncoding = (v: string): v is Encoding => ENCODINGS.some((e) => e.value === v)
const isDelimiter = (v: string): v is Delimiter => DELIMITERS.some((d) => d.value === v)

export function ImportOptions({
  preview,
  options,
  step,
  showDecimal,
  onEncoding,
  onDelimiter,
  onSheet,
  onDecimal,
  onHasHeader,
  onMap
}: Props) {
  const id = useId()
  const isText = preview.delimiter !== null
  const mapping = { ...preview.mapping, ...(options.mapping ?? {}) } as Record<string, string | undefined>
  const columnLabel = (letter: string, i: number): string => {
    const header = preview.headers[i]
    return header === undefined || header === '' ? letter : `${letter} — ${header}`
  }
  return (
    <div className="import-options" data-testid="import-options">
      <div className="import-options__row">
        {isText ? (
          <div className="field field--inline">
            <label htmlFor={`${id}-enc`}>Encoding</label>
            <select
              id={`${id}-enc`}
              className="input"
              value={options.encoding ?? preview.encoding}
              data-testid="import-encoding"
              onChange={(e) => {
                if (isEncoding(e.target.value)) onEncoding(e.target.value)
              }}
            >
              {ENCODINGS.some((e) => e.value === preview.encoding) ? null : (
                <option value={preview.encoding}>{preview.encoding}</option>
              )}
              {ENCODINGS.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {isText ? (
          <div className="field field--inline">
            <label htmlFor={`${id}-delim`}>Delimiter</label>
            <select
              id={`${id}-delim`}
              className="input"
              value={options.delimiter ?? preview.delimiter ?? ','}
              data-testid="import-delimiter"
              onChange={(e) => {
                if (isDelimiter(e.target.value)) onDelimiter(e.target.value)
              }}
            >
              {DELIMITERS.map((d) => (
                <option key={d.label} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {preview.sheets.length > 1 ? (
          <div className="field field--inline">
            <label htmlFor={`${id}-sheet`}>Sheet</label>
            <select
              id={`${id}-sheet`}
              className="input"
              value={options.sheet ?? preview.sheet ?? ''}
              data-testid="import-sheet"
              onChange={(e) => onSheet(e.target.value)}
            >
              {preview.sheet === null && options.sheet === undefined ? <option value="">Choose a sheet…</option> : null}
              {preview.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {showDecimal ? (
          <div className="field field--inline">
            <label htmlFor={`${id}-dec`}>Decimal separator</label>
            <select
              id={`${id}-dec`}
              className="input"
              value={options.decimalSeparator ?? preview.decimalSeparator ?? ''}
              data-testid="import-decimal"
              onChange={(e) => onDecimal(e.target.value === ',' ? ',' : '.')}
            >
              {/* Until one is chosen, the select shows none: showing "Point" would leave nothing to
                  click when the notice asks to choose the point for the ambiguous amounts. */}
              <option value="" disabled>
                Not chosen
              </option>
              <option value=".">Point: 1,234.5</option>
              <option value=",">Comma: 1.234,5</option>
            </select>
          </div>
        ) : null}
      </div>

      {preview.encodingAssumed ? (
        <p className="notice notice--warning" data-testid="import-encoding-assumed">
          {encodingNotice(preview) ??
            `This file is not valid UTF-8. It was read as ${preview.encoding}: check names and notes below, and choose another encoding if they look wrong.`}
        </p>
      ) : null}

      {step === 'sheet' ? (
        <p className="notice" data-testid="import-needs-sheet">
          This workbook has {preview.sheets.length} sheets. Choose the one with the recipients.
        </p>
      ) : null}

      {step === 'mapping' || options.mapping !== undefined ? (
        <fieldset className="import-mapping" data-testid="import-mapping">
          <legend>Columns</legend>
          {step === 'mapping' ? (
            <p className="notice">The file&apos;s columns were not recognised. Say which column holds each field.</p>
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={options.hasHeader ?? preview.needs !== 'mapping'}
              onChange={(e) => onHasHeader(e.target.checked)}
              data-testid="import-has-header"
            />{' '}
            The first row is a header
          </label>
          <div className="import-mapping__fields">
            {MAPPING_FIELDS.map((f) => (
              <div key={f.field} className="field field--inline">
                <label htmlFor={`${id}-map-${f.field}`}>
                  {f.label}
                  {f.required ? ' *' : ''}
                </label>
                <select
                  id={`${id}-map-${f.field}`}
                  className="input"
                  value={mapping[f.field] ?? ''}
                  data-testid={`import-map-${f.field}`}
                  onChange={(e) => onMap(f.field, e.target.value)}
                >
                  <option value="">{f.required ? 'Choose a column…' : 'None'}</option>
                  {preview.columns.map((letter, i) => (
                    <option key={letter} value={letter}>
                      {columnLabel(letter, i)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          {preview.sample.length === 0 ? null : (
            <div className="table-wrap">
              <table className="table table--sample" data-testid="import-sample">
                <thead>
                  <tr>
                    {preview.columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.slice(0, 5).map((cells, i) => (
                    <tr key={i}>
                      {preview.columns.map((c, j) => (
                        <td key={c} className="mono">
                          {cells[j] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </fieldset>
      ) : null}

      {preview.amountReadings.length === 0 ? null : (
        <div className="import-readings" data-testid="import-readings">
          <p>How amounts were read:</p>
          <ul>
            {preview.amountReadings.slice(0, 10).map((r) => (
              <li key={r.sourceRow}>
                Row {r.sourceRow}: <code>{r.text}</code> read as <code>{r.readAs}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
