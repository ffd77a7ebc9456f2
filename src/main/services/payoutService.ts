// Runs in: main (plain Node). Drafting payouts: create, edit, read, list and cancel, each change
// and its audit entry in one SQLite transaction.
import { randomBytes } from 'node:crypto'
import type {
  Issue,
  PayoutDetail,
  PayoutPage,
  PayoutRowsPage,
  PayoutSummary,
  ParsedInputOf,
  RecipientInput,
  RowsPatched,
  Settings
} from '../../shared/api'
import type { ItemStatus, PayoutKind, PayoutStatus } from '../../shared/statuses'
import type { Catalogue, CatalogueAsset } from '../domain/catalogue'
import { duplicateIssueInGroup, validateRows, type DuplicateKind } from '../registry/validate'
import { hasAddressError } from '../registry/rowBatch'
import { RowCheckFailed, type RowChecker } from '../registry/rowChecker'
import { canTransition, isEditable, nextStatus } from '../domain/statusMachine'
import { isBlankRecipient } from '../../shared/blankRow'
import { AppFailure } from '../../shared/errors'
import { notFound } from '../errors'
import { appendAudit, payoutTimeline } from '../store/auditLog'
import { EDIT_ACTIONS } from '../../shared/api'
import { describeRowEdits, describeTotal, peopleAmount, withExact, type AssetUnits } from '../domain/auditText'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { payoutSource } from '../store/automationRepo'
import * as repo from '../store/payoutRepo'
import { allApprovals } from '../store/approvalRepo'
import { importExpired, type ImportKeeper } from './importKeeper'
import { takeImportedRows, type ImportClaim, type ImportedRows } from './importedRows'
import { itemView, itemViewOfRow, rowColumnsOf } from './itemView'
import { registryAsset, savedRowOf, writeRows } from './payoutRows'

export interface PayoutServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly settings: () => Settings
  readonly now: () => Date
  readonly changed: (id: string, status: PayoutStatus) => void
  /** A team member's name from the signed roster, for timeline entries made by a Ledger address. */
  readonly nameOf: (address: string) => string | null
  /**
   * Paying's view of the rows (executionService): rows in progress that nothing open pays are
   * queued again before a payout is shown or cancelled, and a payout being signed is not cancelled.
   */
  readonly payment?: {
    readonly settleIdleRows: (payoutId: string) => void
    readonly signing: (payoutId: string) => boolean
  }
  /** Set when automation (inbox, REST API, command line) drafts instead of a person at this desk. */
  readonly origin?: PayoutOrigin
  /** The rows previews keep for import; without it a save naming an import is refused as expired. */
  readonly imports?: ImportKeeper
  /** Checks a large save's rows in a worker while they are stored (payoutRows.ts); without it, main checks them. */
  readonly rowChecker?: RowChecker
}

/** Who acts when it is not the desk's operator, and where a new payout came from. */
export interface PayoutOrigin {
  /** Recorded as the actor of every change (the audit log and `createdBy`). */
  readonly actor: string
  /** Runs inside the transaction that creates the payout: both are committed, or neither. */
  recordNew(payoutId: string, at: string): void
}

/** Rows returned with a payout when the caller does not page: enough for any single or small mass payout. */
const DEFAULT_ITEM_PAGE = 1_000
const NO_ITEMS: Readonly<Record<ItemStatus, number>> = {
  draft: 0,
  queued: 0,
  in_progress: 0,
  needs_check: 0,
  paid: 0,
  failed: 0,
  cancelled: 0
}

export function createPayoutService(deps: PayoutServiceDeps) {
  const { db, catalogue } = deps
  const stamp = () => deps.now().toISOString()
  const actorName = (): string => deps.origin?.actor ?? deps.settings().operatorName

  /**
   * Rows validated each on its own (in one pass, not one validation per row); duplicates across
   * rows are added by the caller. One stored item per input, in the same order.
   */
  function checkedItems(
    inputs: ReadonlyArray<RecipientInput & { row: number }>,
    asset: CatalogueAsset
  ): repo.StoredItem[] {
    const filled = inputs.filter((input) => !isBlankRecipient(input))
    const validated = validateRows(
      filled.map((input) => ({ ...input, sourceRow: input.row })),
      registryAsset(asset),
      { duplicatesByCaller: true }
    ).rows
    let next = 0
    return inputs.map((input) => {
      const checked = isBlankRecipient(input) ? undefined : validated[next++]
      const issues: readonly Issue[] =
        checked === undefined
          ? [
              {
                field: 'row',
                severity: 'error',
                code: 'row_blank',
                message: `Row ${input.row} is empty: fill it in or delete it.`
              }
            ]
          : checked.issues
      const addressValid = checked !== undefined && !hasAddressError(issues)
      return {
        row: input.row,
        addressInput: input.address,
        address: addressValid ? checked.address : null,
        amountInput: input.amount,
        amount: checked?.amount ?? null,
        name: input.name ?? '',
        reference: input.reference ?? '',
        note: input.note ?? '',
        category: checked?.category ?? '',
        costCenter: checked?.costCenter ?? '',
        status: 'draft',
        issues,
        txHash: null
      }
    })
  }

  /**
   * Editing a pending payout returns it to Draft and voids its approvals: only when the user said
   * so (`confirmed`), after being told how many approvals are lost.
   */
  function reopen(p: repo.StoredPayout, confirmed: boolean, actor: string, at: string): void {
    if (!confirmed) {
      const approvals = allApprovals(db.write, p.id).filter((a) => a.revision === p.revision).length
      throw new AppFailure(
        'reopen_confirmation_required',
        `This payout is waiting for approval. Editing it returns it to Draft${approvals === 0 ? '' : ` and voids its ${approvals} approval${approvals === 1 ? '' : 's'}`}; it must then be submitted and approved again.`,
        { approvals }
      )
    }
    const t = nextStatus(p.status, 'reopen', { broadcastCount: 0 })
    repo.setPayoutStatus(db.write, p.id, t.to, at)
    appendAudit(db.write, {
      actor,
      action: 'reopened',
      payoutId: p.id,
      fromStatus: p.status,
      toStatus: t.to,
      at,
      detail: 'Edited after submission: approvals voided; submit again'
    })
  }

  /** An import's kept rows, checked against what the window holds (importedRows.ts); refused when none is kept. */
  function importedRows(claim: ImportClaim | undefined, asset: CatalogueAsset): ImportedRows | undefined {
    if (claim === undefined) return undefined
    if (deps.imports === undefined) throw importExpired()
    return takeImportedRows(deps.imports, claim, asset.id)
  }

  /**
   * Runs `write` (one transaction) with the row checker; when the checker fails, its transaction
   * has rolled back and the rows are written again, checked on main.
   */
  function withRowChecker<T>(write: (checker: RowChecker | undefined) => T): T {
    if (deps.rowChecker === undefined) return write(undefined)
    try {
      return write(deps.rowChecker)
    } catch (error) {
      if (!(error instanceof RowCheckFailed)) throw error
      return write(undefined)
    }
  }

  function requireKindShape(kind: PayoutKind, count: number): void {
    // A blank row is skipped, so a single payout whose one row is blank would be stored with nobody to pay.
    if (kind === 'single' && count === 0)
      throw new AppFailure(
        'single_needs_one_recipient',
        "A single payout pays one recipient: enter the recipient's address and the amount."
      )
    if (kind === 'single' && count !== 1)
      throw new AppFailure(
        'single_needs_one_recipient',
        'A single payout pays exactly one recipient. Use a mass payout for more.'
      )
  }

  function summary(p: repo.StoredPayout): PayoutSummary {
    const asset = catalogue.asset(p.assetId)
    const network = catalogue.network(p.chainId)
    return {
      id: p.id,
      kind: p.kind,
      status: p.status,
      chainId: p.chainId,
      networkName: network?.name ?? `Chain ${p.chainId}`,
      assetId: p.assetId,
      assetSymbol: asset?.symbol ?? '?',
      decimals: asset?.decimals ?? 0,
      totalBaseUnits: p.total.toString(),
      recipientCount: p.recipientCount,
      errorCount: p.errorCount,
      warningCount: p.warningCount,
      description: p.description,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      createdBy: p.createdBy,
      source: payoutSource(db.read, p.id)
    }
  }

  function load(id: string): repo.StoredPayout {
    const p = repo.getPayoutRow(db.write, id)
    if (p === undefined) throw notFound('Payout', id)
    return p
  }

  /** `itemCounts`: given by a caller that has just written every item (a new payout), instead of counting 100,000 rows again. */
  function detail(
    id: string,
    offset = 0,
    limit = DEFAULT_ITEM_PAGE,
    itemCounts?: Record<ItemStatus, number>
  ): PayoutDetail {
    const p = load(id)
    const s = summary(p)
    const ctx = { broadcastCount: repo.openTransactionCount(db.read, id) }
    return {
      ...s,
      itemCounts: itemCounts ?? repo.itemStatusCountsRead(db.read, id),
      // Rows are numbered 1..n, so the page at `offset` is the rows after row number `offset`.
      items: repo.itemViewRowsAfter(db.read, id, offset, limit).map((r) => itemViewOfRow(r, s.decimals)),
      itemsOffset: offset,
      timeline: payoutTimeline(db.read, id, deps.nameOf),
      allowed: {
        edit: isEditable(p.status),
        cancel: canTransition(p.status, 'cancel', ctx),
        submit: p.status === 'draft' && p.errorCount === 0 && p.recipientCount > 0
      }
    }
  }

  return {
    create(input: ParsedInputOf<'createPayout'>): PayoutDetail {
      const asset = catalogue.requireAsset(input.assetId)
      const imported = importedRows(input.imported, asset)
      requireKindShape(input.kind, input.recipients.length + (imported?.inputs.length ?? 0))
      const id = newPayoutId()
      const at = stamp()
      const actor = actorName()
      const built = withRowChecker((checker) =>
        inTransaction(db.write, () => {
          // The figures are known once every row is written (a large save is checked while it is stored).
          repo.insertPayout(db.write, {
            id,
            kind: input.kind,
            status: 'draft',
            chainId: asset.chainId,
            assetId: asset.id,
            description: input.description.trim(),
            total: 0n,
            recipientCount: 0,
            errorCount: 0,
            warningCount: 0,
            createdBy: actor,
            createdAt: at,
            updatedAt: at,
            revision: 1
          })
          const figures = writeRows(db.write, id, input.recipients, asset, { imported, checker, replace: false })
          requireKindShape(input.kind, figures.count)
          repo.setPayoutFigures(db.write, id, figures)
          appendAudit(db.write, {
            actor,
            action: 'created',
            payoutId: id,
            toStatus: 'draft',
            at,
            detail: withExact(
              [
                `${input.kind === 'mass' ? 'Mass' : 'Single'} payout: ${figures.count} ${figures.count === 1 ? 'recipient' : 'recipients'}, ${peopleAmount(figures.total, asset)}`,
                ...(imported?.leftOut ?? []).map(fromTheFile)
              ].join('\n'),
              [`Total: ${figures.total} base units`]
            )
          })
          deps.origin?.recordNew(id, at)
          return figures
        })
      )
      deps.changed(id, 'draft')
      // Every item was just written as a draft, in the transaction above.
      return detail(id, 0, DEFAULT_ITEM_PAGE, { ...NO_ITEMS, draft: built.count })
    },

    update(input: ParsedInputOf<'updatePayout'>): PayoutDetail {
      const current = load(input.id)
      const actor = actorName()
      const at = stamp()
      // The row checker is used only without an import (payoutRows.ts), so a run written again never takes an import twice.
      withRowChecker((checker) =>
        inTransaction(db.write, () => {
          const p = load(input.id) // re-read inside the write lock
          if (!isEditable(p.status))
            throw new AppFailure(
              'not_editable',
              `This payout is ${p.status.replace('_', ' ')} and can no longer be edited.`
            )
          if (p.status === 'pending') reopen(p, input.reopen === true, actor, at)
          const asset = catalogue.requireAsset(input.assetId ?? p.assetId)
          let fields: repo.PayoutFields = {
            chainId: asset.chainId,
            assetId: asset.id,
            description: (input.description ?? p.description).trim(),
            total: p.total,
            recipientCount: p.recipientCount,
            errorCount: p.errorCount,
            warningCount: p.warningCount,
            updatedAt: at
          }
          const assetChanged = asset.id !== p.assetId
          const imported = importedRows(input.imported, asset)
          const rowChanges: Array<{ before: repo.StoredItem | undefined; after: repo.StoredItem }> = []
          const removedRows: number[] = []
          if (input.recipients !== undefined || imported !== undefined || assetChanged) {
            const recipients =
              input.recipients ?? (imported !== undefined ? [] : repo.getItems(db.write, p.id).map(savedRowOf))
            const rowCount = recipients.length + (imported?.inputs.length ?? 0)
            requireKindShape(p.kind, rowCount)
            // Row by row, the history names what changed; past a screenful of rows it counts them instead.
            const compare = rowCount <= COMPARED_ROWS && p.recipientCount <= COMPARED_ROWS
            const old = compare ? new Map(repo.getItems(db.write, p.id).map((it) => [it.row, it])) : undefined
            const built = writeRows(db.write, p.id, recipients, asset, {
              imported,
              checker,
              replace: true,
              ...(old === undefined ? {} : { observe: (it) => rowChanges.push({ before: old.get(it.row), after: it }) })
            })
            requireKindShape(p.kind, built.count)
            if (old !== undefined) for (const row of old.keys()) if (row > built.count) removedRows.push(row)
            fields = {
              ...fields,
              total: built.total,
              recipientCount: built.count,
              errorCount: built.errors,
              warningCount: built.warnings
            }
          }
          repo.updatePayoutFields(db.write, p.id, fields)
          appendAudit(db.write, {
            actor,
            action: EDIT_ACTIONS[input.cause ?? 'edit'],
            payoutId: p.id,
            at,
            detail: describeEdit(p, fields, input.recipients !== undefined || input.imported !== undefined, {
              from: catalogue.requireAsset(p.assetId),
              to: asset,
              rows: rowChanges,
              removed: removedRows,
              leftOut: imported?.leftOut ?? []
            })
          })
        })
      )
      deps.changed(current.id, load(current.id).status)
      return detail(current.id)
    },

    get(input: ParsedInputOf<'getPayout'>): PayoutDetail {
      deps.payment?.settleIdleRows(input.id)
      return detail(input.id, input.offset, input.limit)
    },

    /** Up to `limit` rows after row `afterRow` as the grid editor holds them, with the payout's figures they were read with. */
    rows(input: ParsedInputOf<'getPayoutRows'>): PayoutRowsPage {
      const p = load(input.id)
      const rows = repo.gridCellsAfter(db.read, p.id, input.afterRow, input.limit)
      return {
        recipientCount: p.recipientCount,
        updatedAt: p.updatedAt,
        firstRow: input.afterRow + 1,
        ...rowColumnsOf(rows, catalogue.asset(p.assetId)?.decimals ?? 0)
      }
    },

    list(input: ParsedInputOf<'listPayouts'>): PayoutPage {
      const { total, rows } = repo.listPayoutRows(db.read, input)
      return { total, items: rows.map(summary) }
    },

    /**
     * Saves edited grid rows without rewriting the payout: each row is validated on its own, then
     * duplicates are re-checked only among rows sharing an old or new address or reference, and the
     * totals move by the difference. Rows may be existing ones or appended right after the last.
     */
    patchRows(input: ParsedInputOf<'patchPayoutRows'>): RowsPatched {
      const actor = actorName()
      const at = stamp()
      const touched = new Map<number, { before: RowClass; item: repo.StoredItem }>()
      let payout!: repo.StoredPayout
      inTransaction(db.write, () => {
        const p = load(input.id)
        if (!isEditable(p.status))
          throw new AppFailure(
            'not_editable',
            `This payout is ${p.status.replace('_', ' ')} and can no longer be edited.`
          )
        if (p.status === 'pending') reopen(p, input.reopen === true, actor, at)
        const asset = catalogue.requireAsset(p.assetId)
        if (p.kind === 'single')
          throw new AppFailure('single_needs_one_recipient', 'A single payout is edited in its form, not row by row.')
        let lastRow = p.recipientCount // kept equal to the number of items by every write
        const changes: Array<{ before: repo.StoredItem | undefined; after: repo.StoredItem }> = []
        const rows = [...input.rows].sort((a, b) => a.row - b.row)
        let total = p.total
        const keys: Record<DuplicateKind, Set<string>> = { address: new Set(), reference: new Set() }
        const items = checkedItems(rows, asset)
        for (const [k, r] of rows.entries()) {
          if (r.row > lastRow + 1)
            throw new AppFailure(
              'row_out_of_range',
              `Row ${r.row} does not exist: the payout has ${lastRow} rows. Add rows at the end or insert them in the grid.`
            )
          if (r.row === lastRow + 1) lastRow++
          const old = repo.getItem(db.write, p.id, r.row)
          if (old !== undefined && !touched.has(r.row)) touched.set(r.row, { before: classOf(old.issues), item: old })
          const item = items[k]!
          repo.upsertItem(db.write, p.id, item)
          changes.push({ before: old, after: item })
          touched.set(r.row, { before: touched.get(r.row)?.before ?? 'new', item })
          total += (item.amount ?? 0n) - (old?.amount ?? 0n)
          for (const it of [old, item]) {
            if (it?.address) keys.address.add(it.address)
            if (it && it.reference.trim() !== '') keys.reference.add(it.reference)
          }
        }
        for (const kind of ['address', 'reference'] as const) {
          for (const key of keys[kind]) {
            const group =
              kind === 'address'
                ? repo.itemsWithAddress(db.write, p.id, key)
                : repo.itemsWithReference(db.write, p.id, key)
            const groupRows = group.map((o) => o.row)
            for (const it of group) {
              const code = kind === 'address' ? 'address_duplicate' : 'reference_duplicate'
              const kept = it.issues.filter((i) => i.code !== code)
              const issues = group.length < 2 ? kept : [...kept, duplicateIssueInGroup(kind, it.row, groupRows)]
              if (sameIssues(issues, it.issues)) continue
              if (!touched.has(it.row)) touched.set(it.row, { before: classOf(it.issues), item: it })
              repo.setItemIssues(db.write, p.id, it.row, issues)
              touched.set(it.row, { before: touched.get(it.row)!.before, item: { ...it, issues } })
            }
          }
        }
        let errors = p.errorCount
        let warnings = p.warningCount
        for (const { before, item } of touched.values()) {
          const after = classOf(item.issues)
          if (before === 'error') errors--
          if (before === 'warning') warnings--
          if (after === 'error') errors++
          if (after === 'warning') warnings++
        }
        repo.updatePayoutFields(db.write, p.id, {
          chainId: p.chainId,
          assetId: p.assetId,
          description: p.description,
          total,
          recipientCount: lastRow,
          errorCount: errors,
          warningCount: warnings,
          updatedAt: at
        })
        appendAudit(db.write, {
          actor,
          action: EDIT_ACTIONS[input.cause ?? 'edit'],
          payoutId: p.id,
          at,
          detail: editDetail(changes, p.total, total, asset)
        })
        payout = load(p.id)
      })
      deps.changed(payout.id, payout.status)
      const s = summary(payout)
      return {
        payout: s,
        rows: [...touched.values()].map(({ item }) => itemView(item, s.decimals)).sort((a, b) => a.row - b.row)
      }
    },

    /**
     * Cancels a draft or pending payout, or the unpaid rest of one in progress once none of its
     * transactions may still pay: rows not paid (waiting, queued or failed) are cancelled, rows
     * paid stay paid. A token allowance its approval left is not touched here: revoking it is
     * offered separately (a transaction to sign).
     */
    cancel(input: ParsedInputOf<'cancelPayout'>): PayoutDetail {
      const actor = actorName()
      const at = stamp()
      if (deps.payment?.signing(input.id))
        throw new AppFailure(
          'already_sending',
          'This payout is being signed right now. Wait until signing ends, then cancel what was not sent.'
        )
      deps.payment?.settleIdleRows(input.id)
      inTransaction(db.write, () => {
        const p = load(input.id)
        const t = nextStatus(p.status, 'cancel', {
          broadcastCount: repo.openTransactionCount(db.write, p.id)
        })
        repo.setPayoutStatus(db.write, p.id, t.to, at)
        repo.setItemsStatus(db.write, p.id, 'draft', 'cancelled')
        repo.setItemsStatus(db.write, p.id, 'queued', 'cancelled')
        repo.setItemsStatus(db.write, p.id, 'failed', 'cancelled')
        appendAudit(db.write, {
          actor,
          action: 'cancelled',
          payoutId: p.id,
          fromStatus: p.status,
          toStatus: t.to,
          at,
          detail: input.reason?.trim() ?? ''
        })
      })
      deps.changed(input.id, 'cancelled')
      return detail(input.id)
    }
  }
}

export type PayoutService = ReturnType<typeof createPayoutService>

type RowClass = 'error' | 'warning' | 'clean' | 'new'

function classOf(issues: readonly Issue[]): RowClass {
  if (issues.some((i) => i.severity === 'error')) return 'error'
  return issues.length > 0 ? 'warning' : 'clean'
}

function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  return a.length === b.length && a.every((x, i) => x.code === b[i]!.code && x.message === b[i]!.message)
}

/** "3", "3-5", "3, 7 and 12 more" for the audit log. */
function describeRows(rows: readonly number[]): string {
  if (rows.length === 1) return String(rows[0])
  const contiguous = rows.every((r, i) => i === 0 || r === rows[i - 1]! + 1)
  if (contiguous) return `${rows[0]}-${rows[rows.length - 1]}`
  return rows.length <= 5 ? rows.join(', ') : `${rows.slice(0, 5).join(', ')} and ${rows.length - 5} more`
}

/** A line the import left out of its file, as the history says it. */
const fromTheFile = (notice: string): string => `From the imported file: ${notice}`

/** Rows compared field by field when a whole payout is saved; a larger one is described by its counts. */
const COMPARED_ROWS = 1000

type RowChange = { readonly before: repo.StoredItem | undefined; readonly after: repo.StoredItem }

/** One save of grid rows for the history: each field's old -> new value, the total, and the exact figures. */
function editDetail(changes: readonly RowChange[], before: bigint, after: bigint, asset: AssetUnits): string {
  const { lines, exact } = describeRowEdits(changes, asset)
  const total = describeTotal(before, after, asset)
  if (total.line !== null) lines.push(total.line)
  if (total.exact !== null) exact.push(total.exact)
  return withExact(lines.length === 0 ? 'No change' : lines.join('\n'), exact)
}

function describeEdit(
  before: repo.StoredPayout,
  after: repo.PayoutFields,
  recipientsChanged: boolean,
  context: {
    readonly from: AssetUnits
    readonly to: AssetUnits
    readonly rows: readonly RowChange[]
    readonly removed: readonly number[]
    /** Lines the import's reader left out of the file (importedRows.ts). */
    readonly leftOut: readonly string[]
  }
): string {
  const lines: string[] = []
  const exact: string[] = []
  if (before.assetId !== after.assetId) lines.push(`Currency: ${context.from.symbol} -> ${context.to.symbol}`)
  if (before.description !== after.description) lines.push(`Purpose: “${before.description}” -> “${after.description}”`)
  if (recipientsChanged) {
    const rows = describeRowEdits(context.rows, context.to)
    lines.push(...rows.lines)
    exact.push(...rows.exact)
    if (context.removed.length > 0) lines.push(`Rows ${describeRows(context.removed)} removed`)
    if (before.recipientCount !== after.recipientCount)
      lines.push(`Recipients: ${before.recipientCount} -> ${after.recipientCount}`)
    lines.push(...context.leftOut.map(fromTheFile))
  }
  if (before.total !== after.total) {
    lines.push(`Total ${peopleAmount(before.total, context.from)} -> ${peopleAmount(after.total, context.to)}`)
    exact.push(`Total: ${before.total} -> ${after.total} base units`)
  }
  return withExact(lines.length === 0 ? 'No change' : lines.join('\n'), exact)
}

const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Short, unambiguous, unguessable ids people can read out: PO-XXXXXXXXXX. */
export function newPayoutId(): string {
  const bytes = randomBytes(10)
  let s = ''
  for (const b of bytes) s += ID_ALPHABET[b % 32]
  return `PO-${s}`
}
