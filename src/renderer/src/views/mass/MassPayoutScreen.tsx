// Runs in: renderer. A mass payout draft, new or reopened: network, currency and payment purpose,
// then the recipients grid with import, export, totals and the focused row's checks. The draft is
// created in main on the first change and autosaved after every change.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Asset, PayoutDetail, PayoutSummary } from '../../../../shared/api'
import type { PayoutStatus } from '../../../../shared/statuses'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { downloadFile } from '../../lib/download'
import {
  addTotals,
  computeTotals,
  emptyRow,
  isBlankRow,
  rowFromItem,
  type GridRow,
  type GridTotals
} from '../../lib/mass/gridRows'
import type { AutosaveState } from '../../lib/mass/autosave'
import { createDeferredRun } from '../../lib/mass/deferredRun'
import type { GridImport } from '../../lib/mass/importRows'
import type { IssueFilter } from '../../lib/mass/issueFilter'
import { routeHref } from '../../lib/route'
import { useCatalogue } from '../../stores/catalogue'
import { useDeskNumberFormat } from '../../stores/settings'
import { NetworkSelect } from '../form/NetworkSelect'
import { ColumnsMenu } from './ColumnsMenu'
import { DraftController, firstPageOf, saveBeforeLeaving } from './draftController'
import { EditorSubmit } from './EditorSubmit'
import { ImportPanel } from './ImportPanel'
import { MassGrid, type MassGridHandle } from './MassGrid'
import { focusedRowView, RowIssuesPanel, type FocusedRowView } from './RowIssuesPanel'
import { TotalsBar } from './TotalsBar'

const INITIAL_BLANK_ROWS = 3
/** While the rows of a large payout arrive, the totals and progress are redrawn at most this often. */
const LOADING_REDRAW_MS = 250

interface Props {
  /** The payout to reopen, or null for a new one. */
  readonly payout: PayoutDetail | null
  readonly onCreated: (id: string) => void
}

export function MassPayoutScreen({ payout, onCreated }: Props) {
  const { networks, assetsByChain, error: catalogueError, loadNetworks, loadAssets } = useCatalogue()
  const [chainId, setChainId] = useState(payout === null ? '' : String(payout.chainId))
  const [assetId, setAssetId] = useState(payout?.assetId ?? '')
  const [description, setDescription] = useState(payout?.description ?? '')
  const [saveState, setSaveState] = useState<AutosaveState>('idle')
  const [saveError, setSaveError] = useState<AppError | null>(null)
  const [createdId, setCreatedId] = useState<string | null>(payout?.id ?? null)
  const [totals, setTotals] = useState<GridTotals | null>(null)
  const focusedRow = useRef<GridRow | null>(null)
  const [focused, setFocused] = useState<FocusedRowView | null>(null)
  const [importing, setImporting] = useState(false)
  const [actionError, setActionError] = useState<AppError | null>(null)
  const [issueFilter, setIssueFilter] = useState<IssueFilter | null>(null)
  const [status, setStatus] = useState<PayoutStatus>(payout?.status ?? 'draft')
  const deskFormat = useDeskNumberFormat()
  const rest = payout === null ? 0 : payout.recipientCount - payout.itemsOffset - payout.items.length
  /** Rows of a large payout not read yet (they arrive a page at a time after the first rows show). */
  const [restLeft, setRestLeft] = useState(rest)
  const grid = useRef<MassGridHandle>(null)
  const onCreatedRef = useRef(onCreated)
  onCreatedRef.current = onCreated
  const deskFormatRef = useRef(deskFormat)
  deskFormatRef.current = deskFormat

  useEffect(() => {
    void loadNetworks()
  }, [loadNetworks])
  const chain = chainId === '' ? null : Number(chainId)
  useEffect(() => {
    if (chain !== null) void loadAssets(chain)
  }, [chain, loadAssets])
  const assets: readonly Asset[] = chain === null ? [] : (assetsByChain[chain] ?? [])
  const asset = assets.find((a) => a.id === assetId) ?? null
  const decimals = asset?.decimals ?? payout?.decimals ?? 0
  const symbol = asset?.symbol ?? payout?.assetSymbol ?? ''

  /** The totals as last counted, and the rows loaded since then while nothing else changed (null: count every row). */
  const counted = useRef<GridTotals | null>(null)
  const loadedSince = useRef<Array<readonly GridRow[]> | null>([])
  const restLeftNow = useRef(rest)
  const gridRef = grid
  const controllerRef = useRef<DraftController | null>(null)
  // Totals walk every row: at most once per frame, however many edits arrive. Rows that only
  // arrived are counted on their own and added, and while more are coming the screen is redrawn
  // for them only now and then, so a large payout loading is not recounted or redrawn per slice.
  const recount = useMemo(
    () =>
      createDeferredRun(() => {
        const current = controllerRef.current
        const added = loadedSince.current
        loadedSince.current = []
        if (current === null) return
        counted.current =
          counted.current === null || added === null
            ? computeTotals(current.rows)
            : added.reduce((sum, more) => addTotals(sum, computeTotals(more)), counted.current)
        setTotals(counted.current)
        setRestLeft(restLeftNow.current)
        // Main's answers change rows in place: the panel gets the focused row as it is now.
        const row = focusedRow.current
        setFocused(row === null ? null : focusedRowView(row, current.rowNumber(row)))
      }),
    []
  )
  const scheduleTotals = useCallback(
    (loaded?: readonly GridRow[]) => {
      if (loaded === undefined) loadedSince.current = null
      else loadedSince.current?.push(loaded)
      const onlyArriving = loadedSince.current !== null && restLeftNow.current > 0
      recount.schedule(onlyArriving ? { afterMs: LOADING_REDRAW_MS } : { frame: true })
    },
    [recount]
  )

  const controller = useMemo(() => {
    const rows = payout === null ? Array.from({ length: INITIAL_BLANK_ROWS }, emptyRow) : payout.items.map(rowFromItem)
    if (rows.length === 0) rows.push(emptyRow())
    return new DraftController(
      payout?.id ?? null,
      { assetId: payout?.assetId ?? '', description: payout?.description ?? '' },
      rows,
      {
        checked: (rows) => {
          gridRef.current?.refreshRows(rows)
          scheduleTotals()
        },
        created: (id) => {
          setCreatedId(id)
          onCreatedRef.current(id)
        },
        state: (s, error) => {
          setSaveState(s)
          setSaveError(s === 'error' ? error : null)
        },
        summary: (s: PayoutSummary) => {
          setStatus(s.status)
          scheduleTotals()
        },
        loaded: (rows, remaining) => {
          gridRef.current?.appendLoaded(rows)
          restLeftNow.current = remaining
          scheduleTotals(rows)
        },
        deskFormat: () => deskFormatRef.current
      }
    )
    // One controller per mounted screen: the payout prop is only its starting point.
  }, [])
  controllerRef.current = controller
  const restRequested = useRef(false)
  const loadRest = useCallback(() => {
    if (payout === null || rest <= 0 || restRequested.current) return
    restRequested.current = true
    void controller.loadRemaining(firstPageOf(payout)).then((error) => {
      if (error !== null) {
        setRestLeft(0)
        setActionError(error)
      }
    })
  }, [payout, rest, controller])
  useEffect(() => {
    counted.current = computeTotals(controller.rows)
    setTotals(counted.current)
    const stopWatching = saveBeforeLeaving(controller, window, () => grid.current?.commitTyping())
    return () => {
      stopWatching()
      recount.cancel()
      // Leaving the draft for another screen: what is waiting is saved now, not after the pause.
      void controller.flush().finally(() => controller.dispose())
    }
  }, [controller, recount])

  useEffect(() => {
    if (assetId !== '') controller.setMeta({ assetId, description })
  }, [assetId, description, controller])

  const exportAs = async (format: 'csv' | 'xlsx'): Promise<void> => {
    setActionError(null)
    await controller.flush()
    if (controller.id === null) return
    const result = await api.exportPayout({ id: controller.id, format })
    if (result.ok) downloadFile(result.value)
    else setActionError(result.error)
  }

  const onImport = (rows: GridRow[], mode: 'replace' | 'append', gridImport: GridImport | null): void => {
    const kept = mode === 'append' ? controller.rows.filter((r) => !isBlankRow(r)) : []
    // Added rows are scrolled into view with the cursor on the first; a replaced grid starts at the top.
    grid.current?.setRows([...kept, ...rows], mode === 'append' ? rows[0] : undefined)
    // After setRows: the save that follows may store the imported rows by the import's id.
    controller.imported(gridImport)
    setImporting(false)
  }

  const title = createdId === null ? 'New mass payout' : description.trim() === '' ? 'Mass payout draft' : description

  return (
    <section className="screen screen--wide" aria-labelledby="mass-title">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <a href={routeHref({ name: 'payouts' })}>Payouts</a> <span aria-hidden="true">/</span>{' '}
        {createdId === null ? (
          <span>New mass payout</span>
        ) : (
          <a href={routeHref({ name: 'payout', id: createdId })}>Payout</a>
        )}
      </nav>
      <header className="screen__header">
        <h1 id="mass-title" tabIndex={-1}>
          {title}
        </h1>
        {createdId === null ? null : (
          <div className="actions">
            {/* The draft as a file: with the document's actions, so the grid's toolbar keeps to one line. */}
            <button type="button" className="button" onClick={() => void exportAs('csv')} data-testid="export-csv">
              Export CSV
            </button>
            <button type="button" className="button" onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">
              Export XLSX
            </button>
            <a
              className="button"
              href={routeHref({ name: 'payout', id: createdId })}
              data-testid="mass-details"
              onClick={() => void controller.flush()}
            >
              Payout details
            </a>
          </div>
        )}
      </header>
      {catalogueError === null ? null : (
        <ErrorAlert error={catalogueError} title="Networks and currencies could not be loaded" />
      )}

      <div className="form__row form__row--three mass-meta">
        <div className="field">
          <label htmlFor="mass-network">Network</label>
          <NetworkSelect
            id="mass-network"
            networks={networks}
            value={chainId}
            invalid={false}
            describedBy={undefined}
            onChange={(c) => {
              setChainId(c)
              setAssetId('')
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="mass-currency">Currency</label>
          <select
            id="mass-currency"
            className="input"
            value={assetId}
            disabled={chain === null}
            data-testid="field-currency"
            onChange={(e) => setAssetId(e.target.value)}
          >
            <option value="">{chain === null ? 'Choose a network first' : 'Choose a currency…'}</option>
            {assets.map((a) => (
              <option key={a.id} value={a.id}>
                {a.symbol} — {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mass-purpose">Payment purpose</label>
          <input
            id="mass-purpose"
            className="input"
            value={description}
            maxLength={1000}
            placeholder="e.g. March salaries"
            data-testid="field-description"
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
      </div>

      {assetId === '' ? (
        <p className="notice" data-testid="mass-choose-currency">
          Choose the network and currency first: every row is checked against them.
        </p>
      ) : (
        <>
          <div className="toolbar mass-toolbar" role="toolbar" aria-label="Recipients" data-testid="mass-toolbar">
            <button
              type="button"
              className="button button--small"
              onClick={() => grid.current?.addRow()}
              data-testid="grid-add-row"
            >
              Add row
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => grid.current?.insert('above')}
              data-testid="grid-insert-above"
            >
              Insert above
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => grid.current?.insert('below')}
              data-testid="grid-insert-below"
            >
              Insert below
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => grid.current?.duplicate()}
              data-testid="grid-duplicate"
            >
              Duplicate
            </button>
            <button
              type="button"
              className="button button--small button--danger-outline"
              onClick={() => grid.current?.deleteSelected()}
              title="Delete the rows ticked on the left, or the row with the cursor"
              data-testid="grid-delete"
            >
              Delete rows
            </button>
            <span className="toolbar__sep" aria-hidden="true" />
            <button
              type="button"
              className="button button--small"
              onClick={() => grid.current?.undo()}
              title="Ctrl+Z"
              data-testid="grid-undo"
            >
              Undo
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => grid.current?.redo()}
              title="Ctrl+Y"
              data-testid="grid-redo"
            >
              Redo
            </button>
            <ColumnsMenu grid={grid} />
            <span className="toolbar__spacer" />
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => setImporting((v) => !v)}
              aria-expanded={importing}
              data-testid="grid-import"
            >
              Import file…
            </button>
          </div>
          {actionError === null ? null : <ErrorAlert error={actionError} title="That did not work" />}
          {restLeft > 0 ? (
            <p className="notice" role="status" data-testid="mass-loading-rest">
              Loading the other {rest.toLocaleString('en-US')} rows…{' '}
              {/* Hidden from the live region: it would announce every page of rows. */}
              <span aria-hidden="true" data-testid="mass-loading-progress">
                {(rest - restLeft).toLocaleString('en-US')} so far.
              </span>{' '}
              You can edit the rows shown; adding, removing and pasting rows wait until all are loaded.
            </p>
          ) : null}
          {importing ? (
            <ImportPanel
              assetId={assetId}
              gridRows={totals?.recipients ?? 0}
              onImport={onImport}
              onClose={() => setImporting(false)}
            />
          ) : null}
          {totals === null ? null : (
            <TotalsBar
              totals={totals}
              decimals={decimals}
              symbol={symbol}
              deskFormat={deskFormat}
              created={createdId !== null}
              saveState={saveState}
              saveError={saveError}
              onRetry={() => void controller.flush()}
              filter={issueFilter}
              onFilter={setIssueFilter}
              onStep={(direction) => grid.current?.stepIssue(direction)}
              submit={
                <EditorSubmit
                  payoutId={createdId}
                  chainId={chain}
                  status={status}
                  totals={totals}
                  saveState={saveState}
                  flush={() => controller.flush()}
                  onRow={(row) => grid.current?.goToRow(row)}
                />
              }
            />
          )}
          <div className="mass-editor">
            <MassGrid
              ref={grid}
              controller={controller}
              deskFormat={deskFormat}
              decimals={decimals}
              issueFilter={issueFilter}
              onIssueFilterEnd={() => setIssueFilter(null)}
              onRowsChanged={scheduleTotals}
              onFocusRow={(row) => {
                focusedRow.current = row
                setFocused(row === null ? null : focusedRowView(row, controller.rowNumber(row)))
              }}
              onFirstRendered={loadRest}
              loadingRest={restLeft > 0}
            />
            <RowIssuesPanel row={focused} decimals={decimals} symbol={symbol} deskFormat={deskFormat} />
          </div>
        </>
      )}
    </section>
  )
}
