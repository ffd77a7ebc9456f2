// Runs in: renderer. Importing a registry file into the grid: choose or drop a file, see how main
// read it (encoding, delimiter, sheet, columns, decimal separator, how amounts were read, every
// row's problems) and change what it guessed, then import, errors and all, to fix them in the grid:
// added below the grid's rows, or, after a confirmation, in their place (Undo brings them back).
import { useEffect, useMemo, useReducer, useRef, useState, type DragEvent, type ReactNode } from 'react'
import type { RegistryPreview } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { latestOnly } from '../../lib/debounce'
import { downloadFile } from '../../lib/download'
import { plural } from '../../lib/format'
import { errorsFirst, type GridRow } from '../../lib/mass/gridRows'
import { readImportedRows, type GridImport } from '../../lib/mass/importRows'
import {
  ACCEPTED_EXTENSIONS,
  canImport,
  decimalSeparatorMatters,
  importCounts,
  importReducer,
  importStep,
  INITIAL_IMPORT,
  isAcceptedFile,
  listedNotices,
  previewRequest,
  type Delimiter,
  type Encoding
} from '../../lib/mass/importPreview'
import { bytesToBase64 } from '../../lib/mass/base64'
import { ImportOptions } from './ImportOptions'

const PREVIEW_ROWS = 50

interface Props {
  readonly assetId: string
  /** Recipients in the grid now (blank rows not counted): a replace takes their place. */
  readonly gridRows: number
  /** `gridImport`: the rows main keeps for this import, which the draft's save may store by their id. */
  readonly onImport: (rows: GridRow[], mode: 'replace' | 'append', gridImport: GridImport | null) => void
  readonly onClose: () => void
}

export function ImportPanel({ assetId, gridRows, onImport, onClose }: Props) {
  const [state, dispatch] = useReducer(importReducer, INITIAL_IMPORT)
  const [dragging, setDragging] = useState(false)
  const [confirmReplace, setConfirmReplace] = useState(false)
  const [templateError, setTemplateError] = useState<AppError | null>(null)
  const [refused, setRefused] = useState<string | null>(null)
  /** Rows read so far while a large file's rows are brought into the grid. */
  const [bringing, setBringing] = useState<{ readonly read: number; readonly total: number } | null>(null)
  const [bringError, setBringError] = useState<AppError | null>(null)
  const reads = useMemo(latestOnly, [])
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!state.loading) return
    const request = previewRequest(state, assetId)
    if (request === null) return
    const ticket = reads.next()
    void api.previewRegistry(request).then((result) => {
      if (!reads.isCurrent(ticket)) return
      if (result.ok) dispatch({ type: 'loaded', preview: result.value })
      else dispatch({ type: 'failed', error: result.error })
    })
  }, [state, assetId, reads])

  const choose = async (file: File): Promise<void> => {
    if (!isAcceptedFile(file.name)) {
      setRefused(`${file.name} is not a file the import reads. Use ${ACCEPTED_EXTENSIONS.join(', ')}.`)
      return
    }
    setRefused(null)
    const bytes = new Uint8Array(await file.arrayBuffer())
    dispatch({ type: 'fileChosen', name: file.name, base64: bytesToBase64(bytes) })
  }

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault()
    setDragging(false)
    const file = e.dataTransfer.files[0]
    if (file !== undefined) void choose(file)
  }

  const downloadTemplate = async (): Promise<void> => {
    setTemplateError(null)
    const result = await api.registryTemplate({ format: 'csv' })
    if (result.ok) downloadFile(result.value)
    else setTemplateError(result.error)
  }

  const step = importStep(state)
  const preview = state.preview
  const importRows = async (mode: 'replace' | 'append'): Promise<void> => {
    if (preview === null || bringing !== null) return
    setBringError(null)
    setBringing({ read: 0, total: preview.totals.rows })
    const read = await readImportedRows(
      preview,
      (offset, limit) => api.readImportRows({ importId: preview.importId ?? '', offset, limit }),
      (n, total) => setBringing({ read: n, total })
    )
    setBringing(null)
    if (read.ok) onImport(read.value.rows, mode, read.value.gridImport)
    else setBringError(read.error)
  }
  const importable = canImport(state) && bringing === null

  const actions = (
    <div className="import-panel__actions">
      {gridRows > 0 ? (
        <>
          <button
            type="button"
            className="button"
            disabled={!importable}
            onClick={() => setConfirmReplace(true)}
            data-testid="import-replace"
          >
            Replace the grid&apos;s rows…
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!importable}
            onClick={() => void importRows('append')}
            data-testid="import-append"
          >
            Add below the grid&apos;s rows
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--primary"
          disabled={!importable}
          onClick={() => void importRows('replace')}
          data-testid="import-confirm"
        >
          Import into grid
        </button>
      )}
      {bringing === null ? null : (
        <span className="loading" role="status" data-testid="import-bringing">
          Reading rows… {bringing.read.toLocaleString('en-US')} of {bringing.total.toLocaleString('en-US')}
        </span>
      )}
    </div>
  )

  return (
    <section className="import-panel" aria-labelledby="import-title" data-testid="import-panel">
      <header className="import-panel__header">
        <h2 id="import-title">Import a registry file</h2>
        <button type="button" className="button button--small" onClick={onClose} data-testid="import-close">
          Close
        </button>
      </header>
      <div
        className={dragging ? 'dropzone dropzone--active' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>
          Drop a CSV, TSV, TXT, XLSX, XLS or ODS file here, or{' '}
          <button type="button" className="link-button" onClick={() => input.current?.click()}>
            choose a file
          </button>
          .{' '}
          <span className="muted">
            No file yet?{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => void downloadTemplate()}
              data-testid="download-template"
            >
              Download a template
            </button>{' '}
            with the columns the import reads.
          </span>
        </p>
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          accept={ACCEPTED_EXTENSIONS.join(',')}
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file !== undefined) void choose(file)
            e.target.value = '' // choosing the same file again reads it again
          }}
        />
        {state.file === null ? null : (
          <p className="muted" data-testid="import-file-name">
            {state.file.name}
          </p>
        )}
      </div>
      {templateError === null ? null : <ErrorAlert error={templateError} title="The template could not be made" />}
      {refused === null ? null : (
        <p className="alert alert--error" role="alert">
          {refused}
        </p>
      )}
      {state.error === null ? null : <ErrorAlert error={state.error} title="The file could not be read" />}
      {bringError === null ? null : (
        <ErrorAlert error={bringError} title="The rows could not be brought into the grid" />
      )}
      {preview !== null && preview.error !== null ? (
        <ErrorAlert error={preview.error} title="The file could not be read" />
      ) : null}
      {step === 'reading' ? (
        <p className="loading" role="status">
          Reading the file…
        </p>
      ) : null}
      {preview === null ? null : (
        <div aria-busy={state.loading}>
          <ImportOptions
            preview={preview}
            options={state.options}
            onEncoding={(encoding: Encoding) => dispatch({ type: 'setEncoding', encoding })}
            onDelimiter={(delimiter: Delimiter) => dispatch({ type: 'setDelimiter', delimiter })}
            onSheet={(sheet) => dispatch({ type: 'setSheet', sheet })}
            onDecimal={(separator) => dispatch({ type: 'setDecimalSeparator', separator })}
            onHasHeader={(hasHeader) => dispatch({ type: 'setHasHeader', hasHeader })}
            onMap={(field, column) => dispatch({ type: 'mapColumn', field, column })}
            showDecimal={decimalSeparatorMatters(preview, state.options)}
            step={step}
          />
          {step === 'review' ? <PreviewResult preview={preview} actions={actions} /> : null}
          <Dialog
            open={confirmReplace}
            title="Replace the grid's rows?"
            onClose={() => setConfirmReplace(false)}
            testId="import-replace-dialog"
          >
            <p>
              The {plural(gridRows, 'row')} now in the grid will be removed and the file&apos;s{' '}
              {plural(preview.totals.rows, 'row')} put in their place. Undo brings the removed rows back.
            </p>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => setConfirmReplace(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  setConfirmReplace(false)
                  void importRows('replace')
                }}
                data-testid="import-replace-confirm"
              >
                Replace {plural(gridRows, 'row')}
              </button>
            </div>
          </Dialog>
        </div>
      )}
    </section>
  )
}

function PreviewResult({ preview, actions }: { readonly preview: RegistryPreview; readonly actions: ReactNode }) {
  const counts = importCounts(preview)
  const shown = preview.rows.slice(0, PREVIEW_ROWS)
  return (
    <div className="import-result" data-testid="import-result">
      <ul className="import-result__counts">
        <li data-testid="import-rows">{plural(counts.rows, 'row')} read</li>
        {/* Rows with warnings are among those without errors: the counts add up to the rows read. */}
        <li className="text-ok" data-testid="import-accepted">
          {plural(counts.accepted, 'row')} without errors
          {counts.withWarnings > 0 ? (
            <span className="text-warning" data-testid="import-warnings">
              , {counts.withWarnings.toLocaleString('en-US')} of them with warnings
            </span>
          ) : null}
        </li>
        <li className={counts.withErrors > 0 ? 'text-error' : undefined} data-testid="import-errors">
          {plural(counts.withErrors, 'row')} with errors
        </li>
        <li>{plural(counts.blank, 'blank row')} skipped</li>
      </ul>
      {counts.withErrors > 0 ? (
        <p className="notice" data-testid="import-errors-note">
          You can import these rows and fix them in the grid. A payout with any error cannot be submitted.
        </p>
      ) : null}
      {listedNotices(preview).length === 0 ? null : (
        <ul className="import-result__notices" data-testid="import-notices">
          {listedNotices(preview).map((n) => (
            <li key={`${n.code}:${n.message}`} data-code={n.code}>
              {n.message}
            </li>
          ))}
        </ul>
      )}
      {actions}
      <div className="table-wrap">
        <table className="table table--preview" data-testid="import-preview-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                File row
              </th>
              <th scope="col">Address</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Name</th>
              <th scope="col">Reference</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={r.sourceRow}
                data-testid="import-preview-row"
                className={r.issues.some((i) => i.severity === 'error') ? 'row--error' : undefined}
              >
                <td className="num muted">{r.sourceRow}</td>
                <td className="mono">{r.address}</td>
                <td className="num mono">{r.amount}</td>
                <td>{r.name}</td>
                <td>{r.reference}</td>
                <td>
                  {errorsFirst(r.issues).map((i) => (
                    <span
                      key={`${i.code}:${i.field}`}
                      className={`issue issue--${i.severity}`}
                      data-severity={i.severity}
                    >
                      {i.severity === 'error' ? '✕ ' : '! '}
                      {i.message}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.totals.rows > shown.length ? (
        <p className="muted">
          First {shown.length} of {preview.totals.rows.toLocaleString('en-US')} rows shown.
        </p>
      ) : null}
    </div>
  )
}
