// Runs in: main (pure computation) and the registry worker thread. Which rows and columns of each
// table of an OpenDocument spreadsheet are not shown (`table:visibility="collapse"`, hidden by
// hand, or `"filter"`, filtered out), read from its content.xml: the spreadsheet library reads an
// ODS without them, and a hidden row would be paid like any other. Rows and columns are counted
// as the library counts them: every row element in order (inside header rows and row groups too),
// each as many times as it is repeated.

/** A run of hidden lines: `count` of them from the 0-based `from`. */
export interface HiddenRun {
  readonly from: number
  readonly count: number
}

export interface OdsTableLines {
  readonly rows: readonly HiddenRun[]
  readonly columns: readonly HiddenRun[]
}

/** The elements that open a table, a row or a column (not their groups, whose names go on with "-"). */
const LINE_TAG = /<table:(table|table-row|table-column)(?=[\s/>])([^>]*)>|<\/table:table>/g
const NAME = /\btable:name\s*=\s*(["'])(.*?)\1/
const HIDDEN = /\btable:visibility\s*=\s*(["'])(collapse|filter)\1/
const ROWS_REPEATED = /\btable:number-rows-repeated\s*=\s*(["'])(\d+)\1/
const COLUMNS_REPEATED = /\btable:number-columns-repeated\s*=\s*(["'])(\d+)\1/
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

interface OpenTable {
  readonly name: string
  row: number
  column: number
  readonly rows: HiddenRun[]
  readonly columns: HiddenRun[]
}

function decodeName(raw: string): string {
  return raw.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, named: string | undefined) =>
    named !== undefined ? NAMED_ENTITIES[named]! : String.fromCodePoint(parseInt(hex ?? dec ?? '0', hex ? 16 : 10))
  )
}

function repeatedOf(attributes: string, pattern: RegExp): number {
  const m = pattern.exec(attributes)
  const n = m === null ? 1 : Number(m[2])
  return Number.isSafeInteger(n) && n >= 1 ? n : 1
}

const HIDDEN_ANYWHERE = /table:visibility\s*=\s*(["'])(collapse|filter)\1/g

/**
 * The hidden rows and columns of every table in `xml` (an ODS content.xml), by table name; null
 * when some hidden mark could not be placed on a row or column (a tag this reading does not
 * follow), so the caller refuses the file rather than pay a row it could not place.
 */
export function odsHiddenLines(xml: Uint8Array): Map<string, OdsTableLines> | null {
  const text = new TextDecoder().decode(xml)
  const found = new Map<string, OdsTableLines>()
  let placed = 0
  // Tables nest only inside cells of another table, rarely; each keeps its own count.
  const open: OpenTable[] = []
  for (const m of text.matchAll(LINE_TAG)) {
    const element = m[1]
    if (element === undefined) {
      const closed = open.pop()
      if (closed !== undefined && (closed.rows.length > 0 || closed.columns.length > 0) && !found.has(closed.name))
        found.set(closed.name, { rows: closed.rows, columns: closed.columns })
      continue
    }
    const attributes = m[2] ?? ''
    if (element === 'table') {
      open.push({ name: decodeName(NAME.exec(attributes)?.[2] ?? ''), row: 0, column: 0, rows: [], columns: [] })
      continue
    }
    const table = open.at(-1)
    if (table === undefined) continue
    const hidden = HIDDEN.test(attributes)
    if (hidden) placed++
    if (element === 'table-row') {
      const count = repeatedOf(attributes, ROWS_REPEATED)
      if (hidden) table.rows.push({ from: table.row, count })
      table.row += count
    } else {
      const count = repeatedOf(attributes, COLUMNS_REPEATED)
      if (hidden) table.columns.push({ from: table.column, count })
      table.column += count
    }
  }
  const marks = [...text.matchAll(HIDDEN_ANYWHERE)].length
  return marks === placed && open.length === 0 ? found : null
}
