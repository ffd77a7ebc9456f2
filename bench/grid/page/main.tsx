// Runs in: Chromium (benchmark baseline page, built by bench/grid/bareBuild.ts). AG Grid with no
// application code: the same ag-grid-react, theme parameters, grid height, row selection and
// columns (count and kinds) as the mass payout grid. Its rows are fetched as JSON when the page
// loads, before anything is timed; following the link then shows them all in the grid.
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef, type GetRowIdParams } from 'ag-grid-community'
import { AgGridReact } from 'ag-grid-react'
import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'

ModuleRegistry.registerModules([AllCommunityModule])

/** One row as the bench writes it to rows.json. */
interface BareRow {
  readonly id: number
  readonly row: number
  readonly address: string
  readonly amount: string
  readonly name: string
  readonly reference: string
  readonly note: string
  readonly status: string
}

const GRID_HASH = '#/grid'
// The mass grid's own figures (gridSetup.ts, gridColumns.ts, mass.css), so both grids draw the same rows.
const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  rowHeight: 32,
  headerHeight: 36,
  wrapperBorderRadius: 6
})
const GRID_HEIGHT = 'max(420px, calc(100vh - 420px))'
const DEFAULT_COL_DEF = { sortable: true, filter: true, resizable: true }
const ROW_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false } as const
const text = (field: 'address' | 'amount' | 'name' | 'reference' | 'note', width: number): ColDef<BareRow> => ({
  colId: field,
  field,
  width,
  editable: true
})
const COLUMNS: ColDef<BareRow>[] = [
  { colId: 'row', field: 'row', headerName: '#', width: 96, filter: 'agNumberColumnFilter' },
  text('address', 380),
  text('amount', 150),
  text('name', 180),
  text('reference', 150),
  text('note', 220),
  { colId: 'status', field: 'status', width: 320 }
]
const getRowId = (p: GetRowIdParams<BareRow>): string => String(p.data.id)

function Page({ rows }: { readonly rows: BareRow[] }) {
  const [open, setOpen] = useState(window.location.hash === GRID_HASH)
  useEffect(() => {
    const onHash = (): void => setOpen(window.location.hash === GRID_HASH)
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  if (!open)
    return (
      <a href={GRID_HASH} data-testid="open-grid">
        Open the grid
      </a>
    )
  return (
    <div style={{ height: GRID_HEIGHT }}>
      <AgGridReact<BareRow>
        theme={theme}
        rowData={rows}
        columnDefs={COLUMNS}
        defaultColDef={DEFAULT_COL_DEF}
        getRowId={getRowId}
        rowSelection={ROW_SELECTION}
        animateRows={false}
        suppressColumnVirtualisation
      />
    </div>
  )
}

async function start(): Promise<void> {
  const response = await fetch('./rows.json')
  const rows = (await response.json()) as BareRow[]
  createRoot(document.getElementById('root')!).render(<Page rows={rows} />)
  document.documentElement.dataset.rowsReady = String(rows.length)
}

void start()
