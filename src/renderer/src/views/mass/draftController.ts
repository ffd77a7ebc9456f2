// Runs in: renderer. One mass payout draft being edited: the grid's rows (the page's copy), what
// main holds, and the autosave that keeps them the same. Cell edits and rows added at the end go
// out as patches; inserts, deletes, moves and a currency change replace every row. Main's answer
// (issues and exact amounts) is written back into the row objects in place, so the grid only has
// to repaint the rows it names and its cell undo history survives. Rows an import just put in the
// grid are stored by main from its own copy while they are unchanged (see importRows.ts).
import {
  MAX_PATCH_ROWS,
  MAX_PAYOUT_PAGE_ROWS,
  type EditCause,
  type InputOf,
  type Issue,
  type PayoutDetail,
  type PayoutItem,
  type PayoutRowsPage,
  type PayoutSummary
} from '../../../../shared/api'
import type { ErrorCode } from '../../../../shared/errors'
import type { NumberFormat } from '../../../../shared/numberFormat'
import { api, CALL_FAILED, type AppError, type Result } from '../../api'
import { sendReopening } from '../../lib/approvals/reopen'
import { askReopen } from '../../stores/reopenPrompt'
import { createAutosaver, type AutosaveState, type Autosaver } from '../../lib/mass/autosave'
import { withDeskIssue } from '../../lib/mass/cellEntry'
import { deskIssueIn, isBlankRow, savedOrder, toRecipient, type GridRow } from '../../lib/mass/gridRows'
import type { GridImport } from '../../lib/mass/importRows'
import { readAhead, readRemainingRows, yieldToPage, type FirstPage } from '../../lib/mass/remainingRows'
import { planSave, type SavePlan } from '../../lib/mass/savePlan'

export const AUTOSAVE_DELAY_MS = 400
/**
 * Rows read per request after the first page (the most main answers with at once). The grid gets
 * them in smaller slices (see remainingRows.ts), so the page size only sets how many requests a
 * large payout takes: ten for 100,000 rows.
 */
export const REST_PAGE = MAX_PAYOUT_PAGE_ROWS
/** What a payout's first page says about the rest of its rows. */
export function firstPageOf(payout: PayoutDetail): FirstPage {
  return {
    rows: payout.itemsOffset + payout.items.length,
    recipientCount: payout.recipientCount,
    updatedAt: payout.updatedAt
  }
}

/** Errors that mean "patching is not available right now": the save falls back to replacing every row. */
const PATCH_FALLBACK_CODES = new Set<ErrorCode>(['internal_error', 'unknown_method', CALL_FAILED])
/** Main no longer holds the import, or holds other rows: the save sends every row instead. */
const IMPORT_FALLBACK_CODES = new Set<ErrorCode>(['import_expired', 'import_changed'])

type ImportedClaim = NonNullable<InputOf<'createPayout'>['imported']>
type Patch = Extract<SavePlan, { kind: 'patch' }>

export interface DraftMeta {
  readonly assetId: string
  readonly description: string
}

export interface DraftEvents {
  /** Main answered for these rows: repaint them. */
  checked(rows: readonly GridRow[]): void
  /** The draft was created in main (first edit). */
  created(id: string): void
  state(state: AutosaveState, error: AppError | null): void
  summary(summary: PayoutSummary): void
  /** More of a large payout arrived after the first page: add these rows at the end. `remaining` rows are still to come. */
  loaded(rows: readonly GridRow[], remaining: number): void
  /** The desk's number format now: an amount it could not read is sent as typed with it, and main reads it so. */
  deskFormat(): NumberFormat
  /**
   * The payout waits for approval: may this edit return it to Draft, voiding `approvals` approvals?
   * Asked in the app's "Return to Draft?" dialog when not given.
   */
  confirmReopen?(approvals: number | null): Promise<boolean>
}

/** Whether a draft in this autosave state still holds edits main has not stored. */
export function hasUnsaved(state: AutosaveState): boolean {
  switch (state) {
    case 'idle':
    case 'saved':
      return false
    case 'waiting':
    case 'saving':
    case 'error':
      return true
    default: {
      const unknown: never = state
      throw new Error(`unknown autosave state ${String(unknown)}`)
    }
  }
}

/** The part of a window the draft watches to save before the page goes away (the window itself in the app). */
export interface PageLifecycle {
  addEventListener(type: 'pagehide' | 'visibilitychange' | 'beforeunload', listener: (event: Event) => void): void
  removeEventListener(type: 'pagehide' | 'visibilitychange' | 'beforeunload', listener: (event: Event) => void): void
  readonly document: { readonly visibilityState: DocumentVisibilityState }
}

/**
 * Saves the draft's waiting edits, skipping the typing pause, when the page is hidden or about to
 * go away (window closed, app quit, reload). A cell still being typed in is committed first
 * (`commitTyping`), so closing the window mid-entry keeps what was typed. While a save is waiting
 * or running, leaving asks for confirmation, so the page is not torn down before main has the edit;
 * in the app, main answers that request by waiting a little for the save (see
 * src/main/shell/unloadGuard.ts). Returns the function that stops watching.
 */
export function saveBeforeLeaving(
  draft: Pick<DraftController, 'flush' | 'unsaved'>,
  page: PageLifecycle = window,
  commitTyping: () => void = () => undefined
): () => void {
  const flush = (): void => void draft.flush()
  // Switching to another window keeps an open cell open (the user may be copying from there).
  const hidden = (): void => {
    if (page.document.visibilityState === 'hidden') flush()
  }
  const leave = (): void => {
    commitTyping()
    flush()
  }
  const beforeUnload = (event: Event): void => {
    commitTyping()
    if (!draft.unsaved) return
    flush()
    event.preventDefault()
    // Older Chromium asks only when returnValue is set as well.
    const unload = event as BeforeUnloadEvent
    unload.returnValue = ''
  }
  page.addEventListener('pagehide', leave)
  page.addEventListener('visibilitychange', hidden)
  page.addEventListener('beforeunload', beforeUnload)
  return () => {
    page.removeEventListener('pagehide', leave)
    page.removeEventListener('visibilitychange', hidden)
    page.removeEventListener('beforeunload', beforeUnload)
  }
}

/**
 * Where the rows of `gridImport` begin in `order`, when they are its last rows, in order and
 * unchanged since the import; -1 otherwise (then every row is sent).
 */
function importedTail(order: readonly GridRow[], gridImport: GridImport): number {
  const count = gridImport.rows.length
  const head = order.length - count
  if (count === 0 || head < 0) return -1
  for (let j = 0; j < count; j++) {
    const row = gridImport.rows[j]!
    if (order[head + j] !== row || row.version !== gridImport.versions[j]) return -1
  }
  return head
}

export class DraftController {
  rows: GridRow[]
  id: string | null
  meta: DraftMeta
  lastError: AppError | null = null
  /** Set when patching failed with an internal error and a replace was used instead (reported once). */
  patchFallbacks = 0
  private saved: GridRow[]
  private readonly dirty = new Set<GridRow>()
  private structural = false
  private metaDirty = false
  /** What made the changes waiting to be saved; null when none wait. */
  private cause: EditCause | null = null
  private savedAssetId: string
  private readonly saver: Autosaver
  private numbers: Map<GridRow, number> | null = null
  /** True while the rows after the first page are still being read; saves wait for them. */
  loading = false
  private ready: Promise<void> = Promise.resolve()
  private loadError: AppError | null = null
  /** Rows an import just put in the grid, until the next save that replaces every row. */
  private pendingImport: GridImport | null = null

  constructor(
    id: string | null,
    meta: DraftMeta,
    rows: GridRow[],
    private readonly events: DraftEvents
  ) {
    this.id = id
    this.meta = meta
    this.rows = rows
    this.saved = id === null ? [] : savedOrder(rows)
    this.savedAssetId = meta.assetId
    this.saver = createAutosaver(
      () => this.save(),
      AUTOSAVE_DELAY_MS,
      (s) => events.state(s, this.lastError)
    )
  }

  get state(): AutosaveState {
    return this.saver.state
  }

  /** Row number as main numbers it (position among non-blank rows), or null for a blank row. */
  rowNumber(row: GridRow): number | null {
    if (this.numbers === null) {
      this.numbers = new Map()
      let n = 0
      for (const r of this.rows) if (!isBlankRow(r)) this.numbers.set(r, ++n)
    }
    return this.numbers.get(row) ?? null
  }

  /**
   * Reads the rows after the first page from main, a few pages ahead, and appends them as they come
   * in slices that keep the page responsive (remainingRows.ts), so the rows shown stay usable. Saves
   * wait until this is done, so a save never treats rows it has not seen yet as deleted; if a page
   * cannot be read, or the payout changed between pages, nothing is saved at all.
   */
  loadRemaining(first: FirstPage): Promise<AppError | null> {
    const id = this.id
    if (id === null || first.rows >= first.recipientCount) return Promise.resolve(null)
    this.loading = true
    // Copies of their own, which the rows are appended to in place: nothing else holds these arrays.
    this.rows = [...this.rows]
    this.saved = [...this.saved]
    const done = readRemainingRows({
      first,
      pages: readAhead(first, REST_PAGE, (afterRow) => api.getPayoutRows({ id, afterRow, limit: REST_PAGE })),
      pageRows: REST_PAGE,
      add: (more, remaining) => this.appendLoaded(more, remaining)
    }).then((error) => {
      // After an error, saving would replace main's rows with the part of them this page has: refuse to.
      this.loading = false
      this.loadError = error
      return error
    })
    this.ready = done.then(() => undefined)
    return done
  }

  private appendLoaded(more: GridRow[], remaining: number): void {
    // While rows load, nothing replaces these arrays (structural changes wait, saves wait).
    for (const r of more) {
      this.rows.push(r)
      this.saved.push(r)
    }
    if (this.numbers !== null) {
      // The rows come after every numbered one: number them on, rather than count every row again.
      let n = this.numbers.size
      for (const r of more) if (!isBlankRow(r)) this.numbers.set(r, ++n)
    }
    this.events.loaded(more, remaining)
  }

  /** The rows an import just put in the grid (after replaceRows): the next save may store them by the import's id. */
  imported(gridImport: GridImport | null): void {
    this.pendingImport = gridImport
  }

  /** Cells of these rows were edited in place. */
  edited(rows: readonly GridRow[], cause: EditCause = 'edit'): void {
    this.noteCause(cause)
    for (const r of rows) this.dirty.add(r)
    this.numbers = null // a row may have become blank or stopped being blank
    this.saver.touch()
  }

  /** The list of rows changed shape (insert, delete, reorder, import, undo of those). */
  replaceRows(rows: GridRow[], cause: EditCause = 'edit'): void {
    this.noteCause(cause)
    this.rows = rows
    this.structural = true
    this.numbers = null
    this.saver.touch()
  }

  /** Changes waiting to be saved were all undos (or all redos): the history names them so; a mix is an edit. */
  private noteCause(cause: EditCause): void {
    this.cause = this.cause === null || this.cause === cause ? cause : 'edit'
  }

  setMeta(meta: DraftMeta): void {
    if (meta.assetId === this.meta.assetId && meta.description === this.meta.description) return
    this.meta = meta
    this.metaDirty = true
    // A new currency changes every row's checks (decimals, token address): revalidate them all.
    if (meta.assetId !== this.savedAssetId) for (const r of this.rows) r.pending = !isBlankRow(r)
    this.saver.touch()
  }

  /** True while an edit is waiting for the pause, being saved, or kept after a failed save. */
  get unsaved(): boolean {
    return hasUnsaved(this.saver.state)
  }

  /** Sends whatever is waiting now, without the typing pause; resolves when it is saved (or the save failed). */
  flush(): Promise<void> {
    return this.saver.flush()
  }

  dispose(): void {
    this.saver.dispose()
  }

  private async save(): Promise<boolean> {
    await this.ready
    const structural = this.structural
    const metaDirty = this.metaDirty
    const cause = this.cause ?? 'edit'
    this.cause = null
    const assetChanged = this.meta.assetId !== this.savedAssetId
    this.structural = false
    this.metaDirty = false
    const meta = this.meta
    const plan = planSave(
      this.rows,
      this.saved,
      this.dirty,
      structural || assetChanged || this.id === null,
      this.events.deskFormat()
    )
    const versions = new Map<GridRow, number>()
    const order = plan.kind === 'none' ? this.saved : plan.order
    const sent = plan.kind === 'patch' ? plan.sent : plan.kind === 'replace' ? plan.order : []
    for (const r of sent) versions.set(r, r.version)
    const fail = (error: AppError): boolean => {
      this.lastError = error
      this.structural ||= structural
      this.metaDirty ||= metaDirty
      this.noteCause(cause)
      return false
    }
    if (this.loadError !== null) return fail(this.loadError)

    if (this.id === null && order.length === 0 && meta.description.trim() === '') {
      // Choosing a currency alone is not a draft yet: nothing is created until there is something to keep.
      this.metaDirty ||= metaDirty
      return true
    }
    if (this.id === null) {
      const created = await this.withImport(order, (recipients, imported) =>
        api.createPayout({
          kind: 'mass',
          assetId: meta.assetId,
          description: meta.description,
          recipients,
          ...(imported === undefined ? {} : { imported })
        })
      )
      if (!created.ok) return fail(created.error)
      this.id = created.value.id
      this.events.created(this.id)
      if (!(await this.applyDetail(created.value, order, versions))) return false
    } else if (plan.kind === 'patch' && !assetChanged) {
      const id = this.id
      const patched = await this.patch(id, plan, versions, cause)
      if (patched === null) {
        if (metaDirty) {
          const updated = await this.reopening((reopen) =>
            api.updatePayout({ id, description: meta.description, ...(reopen ? { reopen } : {}) })
          )
          if (!updated.ok) return fail(updated.error)
        }
      } else if (patched.callsSaved === 0 && PATCH_FALLBACK_CODES.has(patched.error.code)) {
        this.patchFallbacks++
        if (!(await this.replace(meta, order, versions, assetChanged, cause)))
          return fail(this.lastError ?? patched.error)
      } else return fail(patched.error)
    } else if (plan.kind === 'replace') {
      if (!(await this.replace(meta, order, versions, assetChanged, cause))) return false
    } else if (metaDirty) {
      const id = this.id
      const updated = await this.reopening((reopen) =>
        api.updatePayout({ id, description: meta.description, ...(reopen ? { reopen } : {}) })
      )
      if (!updated.ok) return fail(updated.error)
      this.events.summary(updated.value)
    }

    this.saved = [...order]
    this.savedAssetId = meta.assetId
    for (const r of sent) if (r.version === versions.get(r)) this.dirty.delete(r)
    this.lastError = null
    return true
  }

  private async replace(
    meta: DraftMeta,
    order: readonly GridRow[],
    versions: Map<GridRow, number>,
    assetChanged: boolean,
    cause: EditCause
  ): Promise<boolean> {
    const id = this.id
    if (id === null) return false
    const updated = await this.withImport(order, (recipients, imported) =>
      this.reopening((reopen) =>
        api.updatePayout({
          id,
          description: meta.description,
          ...(assetChanged ? { assetId: meta.assetId } : {}),
          recipients,
          cause,
          ...(imported === undefined ? {} : { imported }),
          ...(reopen ? { reopen } : {})
        })
      )
    )
    if (!updated.ok) {
      this.lastError = updated.error
      return false
    }
    return this.applyDetail(updated.value, order, versions)
  }

  /**
   * Sends one write; when main answers that the payout waits for approval, asks whether to return it
   * to Draft and sends it again with `reopen` only after a yes (a no keeps the edit unsaved here).
   */
  private reopening<T>(send: (reopen: boolean) => Promise<Result<T>>): Promise<Result<T>> {
    return sendReopening(send, { confirm: (n) => (this.events.confirmReopen ?? askReopen)(n), pending: null })
  }

  /**
   * Sends a save that replaces every row: while the rows an import just put in the grid are still
   * the last ones, unchanged since, main stores its own copy of them and only the rows before them
   * are sent. An import is offered once (main forgets it when a save names it); if main no longer
   * holds it, or holds other rows, every row is sent.
   */
  private async withImport<T>(
    order: readonly GridRow[],
    send: (recipients: ReturnType<typeof toRecipient>[], imported?: ImportedClaim) => Promise<Result<T>>
  ): Promise<Result<T>> {
    const gridImport = this.pendingImport
    this.pendingImport = null
    const format = this.events.deskFormat()
    const recipients = (rows: readonly GridRow[]) => rows.map((row) => toRecipient(row, format))
    const head = gridImport === null ? -1 : importedTail(order, gridImport)
    if (gridImport === null || head < 0) return send(recipients(order))
    const answer = await send(recipients(order.slice(0, head)), {
      importId: gridImport.importId,
      ...gridImport.claim
    })
    return !answer.ok && IMPORT_FALLBACK_CODES.has(answer.error.code) ? send(recipients(order)) : answer
  }

  /**
   * Sends a patch in calls of at most MAX_PATCH_ROWS rows, in row order (rows added at the end
   * arrive in sequence), writing main's answer back after each. Returns null when every call was
   * saved; if one fails, the rows of the calls before it are saved and the rest wait for the next save.
   */
  private async patch(
    id: string,
    plan: Patch,
    versions: Map<GridRow, number>,
    cause: EditCause
  ): Promise<{ error: AppError; callsSaved: number } | null> {
    for (let from = 0, call = 0; from < plan.rows.length; from += MAX_PATCH_ROWS, call++) {
      const rows = plan.rows.slice(from, from + MAX_PATCH_ROWS)
      const sent = plan.sent.slice(from, from + MAX_PATCH_ROWS)
      const patched = await this.reopening((reopen) =>
        api.patchPayoutRows({ id, rows, cause, ...(reopen ? { reopen } : {}) })
      )
      if (!patched.ok) return { error: patched.error, callsSaved: call }
      this.applyItems(patched.value.rows, plan.order, versions)
      this.finishRows(sent, versions)
      this.events.summary(patched.value.payout)
      // Main now holds the rows it held before and the added ones up to the last row of this call.
      this.saved = plan.order.slice(0, Math.max(this.saved.length, rows[rows.length - 1]!.row))
      for (const r of sent) if (r.version === versions.get(r)) this.dirty.delete(r)
    }
    return null
  }

  /** Writes main's rows back; a detail carries only the first page of rows, so the rest are read after, a page at a time. */
  private async applyDetail(
    detail: PayoutDetail,
    order: readonly GridRow[],
    versions: Map<GridRow, number>
  ): Promise<boolean> {
    this.applyItems(detail.items, order, versions)
    let have = detail.itemsOffset + detail.items.length
    while (detail.recipientCount > have && this.id !== null) {
      const rest = await api.getPayoutRows({ id: this.id, afterRow: have, limit: REST_PAGE })
      if (!rest.ok) {
        this.lastError = rest.error
        return false
      }
      if (rest.value.address.length === 0) break
      this.applyColumns(rest.value, order, versions)
      have += rest.value.address.length
      await yieldToPage()
    }
    this.finishRows(order, versions)
    this.events.summary(detail)
    return true
  }

  private applyItems(items: readonly PayoutItem[], order: readonly GridRow[], versions: Map<GridRow, number>): void {
    const changed: GridRow[] = []
    for (const item of items)
      this.applyChecks(order[item.row - 1], item.issues, item.amountBaseUnits, versions, changed)
    if (changed.length > 0) this.events.checked(changed)
  }

  private applyColumns(page: PayoutRowsPage, order: readonly GridRow[], versions: Map<GridRow, number>): void {
    const issues = new Map(page.issues)
    const changed: GridRow[] = []
    for (let i = 0; i < page.address.length; i++)
      this.applyChecks(
        order[page.firstRow - 1 + i],
        issues.get(i) ?? [],
        page.amountBaseUnits[i] ?? null,
        versions,
        changed
      )
    if (changed.length > 0) this.events.checked(changed)
  }

  /** Main's checks of one row written into it, unless it was edited again since it was sent; `changed` collects it. */
  private applyChecks(
    row: GridRow | undefined,
    issues: readonly Issue[],
    amountBaseUnits: string | null,
    versions: Map<GridRow, number>,
    changed: GridRow[]
  ): void {
    if (row === undefined) return
    const sentVersion = versions.get(row)
    if (sentVersion !== undefined && sentVersion !== row.version) return // edited again since: the next save answers for it
    // Main read the amount by the desk's format too (toRecipient): its answer is the row's, refusal included.
    row.deskIssue = deskIssueIn(issues)
    row.issues = withDeskIssue(issues, row.deskIssue)
    row.amountBaseUnits = amountBaseUnits === null ? null : BigInt(amountBaseUnits)
    row.pending = false
    changed.push(row)
  }

  /** Rows sent and not edited since are checked now, including those main did not mention (unchanged). */
  private finishRows(sent: readonly GridRow[], versions: Map<GridRow, number>): void {
    const changed: GridRow[] = []
    for (const r of sent) {
      if (r.pending && versions.get(r) === r.version) {
        r.pending = false
        changed.push(r)
      }
    }
    if (changed.length > 0) this.events.checked(changed)
  }
}
