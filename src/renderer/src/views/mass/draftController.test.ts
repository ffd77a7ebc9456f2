// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The draft's saving against a stand-in bridge that keeps rows the way
// main does (blank rows dropped, rows numbered by position): creation on the first real change,
// patches for cell edits, a full replace for structural changes and when patching is unavailable,
// and answers about an older version of a row never overwriting a newer edit; a large payout read a page at a time after its first rows;
// rows an import put in the grid stored from main's copy while unchanged.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type {
  BridgeApi,
  InputOf,
  Issue,
  PayoutDetail,
  PayoutItem,
  PayoutRowsPage,
  RecipientInput,
  RowsPatched
} from '../../../../shared/api'
import { DESK_AMOUNT_CODE, readDeskAmount } from '../../../../shared/deskAmount'
import type { NumberFormat } from '../../../../shared/numberFormat'
import type { AppError, Result } from '../../../../shared/result'
import { enterCell } from '../../lib/mass/cellEntry'
import { emptyRow, rowFromItem, type GridRow } from '../../lib/mass/gridRows'
import { insertRows } from '../../lib/mass/rowOps'
import {
  AUTOSAVE_DELAY_MS,
  DraftController,
  REST_PAGE,
  saveBeforeLeaving,
  type DraftEvents,
  type PageLifecycle
} from './draftController'

const ASSET = '1:native'
const BAD_ADDRESS: Issue = { field: 'address', severity: 'error', code: 'address_invalid', message: 'Not an address.' }

/** Main in miniature: stores non-blank rows in order and flags the address "bad". */
class StandInMain {
  rows: RecipientInput[] = []
  calls: string[] = []
  patchFailure: AppError | null = null
  getFailure: AppError | null = null
  /** When set, the next call waits for this before answering. */
  gate: Promise<void> | null = null
  /** Runs after each read has been answered: lets a test change the payout between two pages. */
  afterGet: (() => void) | null = null
  /** Set while the payout waits for approval (with its approvals): edits need `reopen`. */
  pendingApprovals: number | null = null
  /** Rows a write's answer carries, as main answers with only the first page of a large payout. */
  answerRows = Number.POSITIVE_INFINITY
  /** The import main keeps (its id and rows), as importKeeper.ts keeps a preview's rows; null when none. */
  kept: { readonly id: string; readonly rows: RecipientInput[] } | null = null

  private refuseUnlessReopened(reopen: boolean | undefined): Result<never> | null {
    if (this.pendingApprovals === null) return null
    if (reopen === true) {
      this.pendingApprovals = null
      return null
    }
    return {
      ok: false,
      error: {
        code: 'reopen_confirmation_required',
        message: 'Waiting for approval.',
        details: { approvals: this.pendingApprovals }
      }
    }
  }

  private item(r: RecipientInput, i: number): PayoutItem {
    // An amount sent with the desk's format is read by it, as main reads it (shared/deskAmount.ts).
    const desk = r.amountFormat === undefined ? null : readDeskAmount(r.amount, r.amountFormat)
    const amount = desk?.kind === 'number' ? desk.text : r.amount
    const deskIssues: Issue[] =
      desk?.kind === 'refused'
        ? [{ field: 'amount', severity: 'error', code: DESK_AMOUNT_CODE, message: `Row ${i + 1}: ${desk.message}` }]
        : []
    return {
      row: i + 1,
      address: r.address,
      amount: r.amount,
      amountBaseUnits: /^[0-9]+$/.test(amount) ? amount : null,
      name: r.name ?? '',
      reference: r.reference ?? '',
      note: r.note ?? '',
      category: r.category ?? '',
      costCenter: r.costCenter ?? '',
      status: 'draft',
      issues: [...(r.address === 'bad' ? [BAD_ADDRESS] : []), ...deskIssues],
      txHash: null,
      failure: null
    }
  }

  detail(): PayoutDetail {
    return {
      id: 'PO-TEST',
      kind: 'mass',
      status: 'draft',
      chainId: 1,
      networkName: 'Ethereum',
      assetId: ASSET,
      assetSymbol: 'ETH',
      decimals: 0,
      totalBaseUnits: '0',
      recipientCount: this.rows.length,
      itemCounts: {
        draft: this.rows.length,
        queued: 0,
        in_progress: 0,
        needs_check: 0,
        paid: 0,
        failed: 0,
        cancelled: 0
      },
      errorCount: 0,
      warningCount: 0,
      description: '',
      createdAt: '',
      updatedAt: '',
      createdBy: 'x',
      source: { kind: 'app', name: '', externalId: null },
      items: this.rows.map((r, i) => this.item(r, i)),
      itemsOffset: 0,
      timeline: [],
      allowed: { edit: true, cancel: true, submit: false }
    }
  }

  private async wait(): Promise<void> {
    const gate = this.gate
    this.gate = null
    if (gate !== null) await gate
  }

  bridge(): Partial<BridgeApi> {
    const keep = (recipients: readonly RecipientInput[]): void => {
      this.rows = recipients.filter((r) =>
        [r.address, r.amount, r.name, r.reference, r.note, r.category, r.costCenter].some(
          (v) => (v ?? '').trim() !== ''
        )
      )
    }
    /** The rows a save names by import id, taken once; undefined when main no longer keeps that import. */
    const take = (importId: string | undefined): RecipientInput[] | undefined => {
      if (importId === undefined || this.kept?.id !== importId) return undefined
      const rows = this.kept.rows
      this.kept = null
      return rows
    }
    const EXPIRED: AppError = { code: 'import_expired', message: 'Import the file again.' }
    const named = (imported: { importId: string } | undefined): string => (imported === undefined ? '' : '+import')
    return {
      createPayout: async (input: InputOf<'createPayout'>): Promise<Result<PayoutDetail>> => {
        this.calls.push(`create:${input.recipients.length}${named(input.imported)}`)
        await this.wait()
        const imported = take(input.imported?.importId)
        if (input.imported !== undefined && imported === undefined) return { ok: false, error: EXPIRED }
        keep([...input.recipients, ...(imported ?? [])])
        return { ok: true, value: this.detail() }
      },
      updatePayout: async (input: InputOf<'updatePayout'>): Promise<Result<PayoutDetail>> => {
        this.calls.push(
          `update:${input.recipients?.length ?? '-'}${named(input.imported)}${input.reopen === true ? ':reopen' : ''}`
        )
        await this.wait()
        const refused = this.refuseUnlessReopened(input.reopen)
        if (refused !== null) return refused
        const imported = take(input.imported?.importId)
        if (input.imported !== undefined && imported === undefined) return { ok: false, error: EXPIRED }
        if (input.recipients !== undefined || imported !== undefined)
          keep([...(input.recipients ?? []), ...(imported ?? [])])
        const d = this.detail()
        return { ok: true, value: { ...d, items: d.items.slice(0, this.answerRows) } }
      },
      patchPayoutRows: async (input: InputOf<'patchPayoutRows'>): Promise<Result<RowsPatched>> => {
        this.calls.push(`patch:${input.rows.map((r) => r.row).join(',')}${input.reopen === true ? ':reopen' : ''}`)
        await this.wait()
        const refused = this.refuseUnlessReopened(input.reopen)
        if (refused !== null) return refused
        if (this.patchFailure !== null) return { ok: false, error: this.patchFailure }
        for (const { row, ...r } of input.rows) this.rows[row - 1] = r
        const d = this.detail()
        return { ok: true, value: { payout: d, rows: input.rows.map((r) => d.items[r.row - 1]!) } }
      },
      getPayout: async (input: InputOf<'getPayout'>): Promise<Result<PayoutDetail>> => {
        this.calls.push(`get:${input.offset ?? 0}`)
        if (this.getFailure !== null) return { ok: false, error: this.getFailure }
        const d = this.detail()
        const offset = input.offset ?? 0
        const answer: Result<PayoutDetail> = {
          ok: true,
          value: { ...d, items: d.items.slice(offset, offset + (input.limit ?? 1000)), itemsOffset: offset }
        }
        this.afterGet?.()
        return answer
      },
      getPayoutRows: async (input: InputOf<'getPayoutRows'>): Promise<Result<PayoutRowsPage>> => {
        this.calls.push(`get:${input.afterRow}`)
        if (this.getFailure !== null) return { ok: false, error: this.getFailure }
        const d = this.detail()
        const items = d.items.slice(input.afterRow, input.afterRow + input.limit)
        const answer: Result<PayoutRowsPage> = {
          ok: true,
          value: {
            recipientCount: d.recipientCount,
            updatedAt: d.updatedAt,
            firstRow: input.afterRow + 1,
            address: items.map((i) => i.address),
            amount: items.map((i) => i.amount),
            amountBaseUnits: items.map((i) => i.amountBaseUnits),
            name: items.map((i) => i.name),
            reference: items.map((i) => i.reference),
            note: items.map((i) => i.note),
            category: items.map((i) => i.category),
            costCenter: items.map((i) => i.costCenter),
            issues: items.flatMap((i, index) => (i.issues.length > 0 ? [[index, i.issues] as const] : []))
          }
        }
        this.afterGet?.()
        return answer
      },
      onEvent: () => () => undefined
    }
  }
}

const quiet: DraftEvents = {
  checked: () => undefined,
  created: () => undefined,
  state: () => undefined,
  summary: () => undefined,
  loaded: () => undefined,
  deskFormat: () => 'dot-decimal'
}
const row = (address: string, amount = '1'): GridRow => ({ ...emptyRow(), address, amount, pending: true, version: 1 })

let main: StandInMain
beforeEach(() => {
  main = new StandInMain()
  Object.defineProperty(window, 'treasury', { value: main.bridge(), configurable: true, writable: true })
})
afterEach(() => {
  Object.defineProperty(window, 'treasury', { value: undefined, configurable: true, writable: true })
})

describe('DraftController', () => {
  describe('rows an import put in the grid', () => {
    /** Main keeps x and y from a preview; the grid gets [a, x, y] and is told they came from that import. */
    const imported = () => {
      const a = row('a')
      const [x, y] = [row('x', '2'), row('y', '3')]
      main.rows = [{ address: 'a', amount: '1' }]
      main.kept = {
        id: 'IM-1',
        rows: [
          { address: 'x', amount: '2' },
          { address: 'y', amount: '3' }
        ]
      }
      const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
      draft.replaceRows([a, x, y])
      draft.imported({
        importId: 'IM-1',
        rows: [x, y],
        versions: [x.version, y.version],
        claim: { rows: 2, totalBaseUnits: '5', digest: '0'.repeat(16) }
      })
      return { draft, x }
    }

    it("are stored from main's copy: only the rows before them are sent, with the import named", async () => {
      const { draft } = imported()
      await draft.flush()
      expect(main.calls).toEqual(['update:1+import'])
      expect(main.rows.map((r) => r.address)).toEqual(['a', 'x', 'y'])
      expect(draft.state).toBe('saved')
    })

    it('once one of them is edited, are all sent, and the import is not named', async () => {
      const { draft, x } = imported()
      x.amount = '7'
      x.version++
      draft.edited([x])
      await draft.flush()
      expect(main.calls).toEqual(['update:3'])
      expect(main.rows.map((r) => r.amount)).toEqual(['1', '7', '3'])
    })

    it('are all sent again when main no longer keeps the import', async () => {
      const { draft } = imported()
      main.kept = null
      await draft.flush()
      expect(main.calls).toEqual(['update:1+import', 'update:3'])
      expect(main.rows.map((r) => r.address)).toEqual(['a', 'x', 'y'])
      expect(draft.state).toBe('saved')
    })
  })
  it('choosing a currency alone creates nothing; the first row does, without its blank neighbours', async () => {
    const rows = [emptyRow(), emptyRow()]
    let created: string | null = null
    const draft = new DraftController(null, { assetId: '', description: '' }, rows, {
      ...quiet,
      created: (id) => (created = id)
    })
    draft.setMeta({ assetId: ASSET, description: '' })
    await draft.flush()
    expect(main.calls).toEqual([])
    rows[1]!.address = 'bad'
    rows[1]!.amount = '5'
    draft.edited([rows[1]!])
    await draft.flush()
    expect(main.calls).toEqual(['create:1'])
    expect(created).toBe('PO-TEST')
    expect(rows[1]!.issues).toEqual([BAD_ADDRESS])
    expect(rows[1]!.pending).toBe(false)
    expect(draft.rowNumber(rows[1]!)).toBe(1)
    expect(draft.rowNumber(rows[0]!)).toBeNull()
  })

  it('a cell edit is saved as a patch numbered among non-blank rows', async () => {
    const a = row('a')
    const b = row('b')
    const rows = [a, emptyRow(), b]
    main.rows = [
      { address: 'a', amount: '1' },
      { address: 'b', amount: '1' }
    ]
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, rows, quiet)
    b.address = 'bad'
    b.version++
    draft.edited([b])
    await draft.flush()
    expect(main.calls).toEqual(['patch:2'])
    expect(b.issues).toEqual([BAD_ADDRESS])
  })

  it('a category or cost center typed in a cell is patched like a note, and main answers with it', async () => {
    const a = row('a')
    main.rows = [{ address: 'a', amount: '1' }]
    const patched: RowsPatched[] = []
    const bridge = window.treasury as BridgeApi
    const patch = bridge.patchPayoutRows.bind(bridge)
    bridge.patchPayoutRows = async (input) => {
      const answer = await patch(input)
      if (answer.ok) patched.push(answer.value)
      return answer
    }
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
    a.category = '6100 Salaries'
    a.costCenter = 'Eng'
    a.note = 'March'
    a.version++
    draft.edited([a])
    await draft.flush()
    expect(main.calls).toEqual(['patch:1'])
    expect(main.rows).toEqual([
      { address: 'a', amount: '1', note: 'March', category: '6100 Salaries', costCenter: 'Eng' }
    ])
    expect(patched.flatMap((p) => p.rows.map((r) => [r.category, r.costCenter]))).toEqual([['6100 Salaries', 'Eng']])
    expect(draft.state).toBe('saved')
  })

  it("sends an amount the desk could not read with the desk's format, and main's refusal holds after the row is read again", async () => {
    const a = row('a')
    main.rows = [{ address: 'a', amount: '1' }]
    let format: NumberFormat = 'dot-decimal'
    const events = { ...quiet, deskFormat: () => format }
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], events)
    enterCell(a, 'amount', '1,5', format)
    a.version++
    draft.edited([a])
    await draft.flush()
    expect(main.rows).toEqual([{ address: 'a', amount: '1,5', amountFormat: 'dot-decimal' }])
    expect(a.deskIssue?.message).toMatch(/^Row 1: Amount 1,5 cannot be read/)
    expect(a.amountBaseUnits).toBeNull()

    // Read again (a restart): the row knows its amount was refused, and an edit elsewhere in it keeps it so.
    const back = rowFromItem(main.detail().items[0]!)
    expect(back.deskIssue?.code).toBe(DESK_AMOUNT_CODE)
    const reopened = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [back], events)
    back.name = 'Ana'
    back.version++
    reopened.edited([back])
    await reopened.flush()
    expect(main.rows[0]).toEqual({ address: 'a', amount: '1,5', name: 'Ana', amountFormat: 'dot-decimal' })
    expect(back.issues.map((i) => i.code)).toEqual([DESK_AMOUNT_CODE])

    // Once the desk writes decimals with a comma, main reads the same text so, and its answer is the row's.
    format = 'comma-decimal'
    back.note = 'March'
    back.version++
    reopened.edited([back])
    await reopened.flush()
    expect(back.deskIssue).toBeNull()
    expect(back.issues).toEqual([])
  })

  it('falls back to replacing every row when patching is unavailable, and says so', async () => {
    const a = row('a')
    main.rows = [{ address: 'a', amount: '1' }]
    main.patchFailure = { code: 'internal_error', message: 'not yet' }
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
    a.amount = '2'
    a.version++
    draft.edited([a])
    await draft.flush()
    expect(main.calls).toEqual(['patch:1', 'update:1'])
    expect(main.rows[0]!.amount).toBe('2')
    expect(draft.patchFallbacks).toBe(1)
    expect(draft.state).toBe('saved')
  })

  it('a refused patch (not an outage) is reported, not papered over with a replace', async () => {
    const a = row('a')
    main.rows = [{ address: 'a', amount: '1' }]
    main.patchFailure = { code: 'not_editable', message: 'Submitted already.' }
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
    draft.edited([a])
    await draft.flush()
    expect(main.calls).toEqual(['patch:1'])
    expect(draft.state).toBe('error')
    expect(draft.lastError?.code).toBe('not_editable')
  })

  it('an edit of a payout waiting for approval is sent again with reopen only after the person says yes', async () => {
    const a = row('a')
    main.rows = [{ address: 'a', amount: '1' }]
    main.pendingApprovals = 2
    const confirmReopen = vi.fn(async () => true)
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], { ...quiet, confirmReopen })
    a.amount = '2'
    a.version++
    draft.edited([a])
    await draft.flush()
    expect(confirmReopen).toHaveBeenCalledWith(2)
    expect(main.calls).toEqual(['patch:1', 'patch:1:reopen'])
    expect(main.rows[0]!.amount).toBe('2')
    expect(draft.state).toBe('saved')
  })

  it('a no keeps the edit unsaved in the grid and asks again on the next save', async () => {
    const a = row('a')
    main.rows = [{ address: 'a', amount: '1' }]
    main.pendingApprovals = 1
    const answers = [false, true]
    const confirmReopen = vi.fn(async () => answers.shift() ?? false)
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], { ...quiet, confirmReopen })
    a.amount = '2'
    a.version++
    draft.edited([a])
    await draft.flush()
    expect(main.rows[0]!.amount).toBe('1')
    expect(draft.state).toBe('error')
    expect(draft.lastError?.code).toBe('reopen_confirmation_required')
    expect(a.amount).toBe('2')
    await draft.flush()
    expect(confirmReopen).toHaveBeenCalledTimes(2)
    expect(main.calls).toEqual(['patch:1', 'patch:1', 'patch:1:reopen'])
    expect(main.rows[0]!.amount).toBe('2')
  })

  it('an inserted row replaces every row, so main numbers them as the grid shows them', async () => {
    const [a, b] = [row('a'), row('b')]
    main.rows = [
      { address: 'a', amount: '1' },
      { address: 'b', amount: '1' }
    ]
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a, b], quiet)
    const next = insertRows([a, b], 1)
    next[1]!.address = 'x'
    next[1]!.amount = '1'
    draft.replaceRows(next)
    await draft.flush()
    expect(main.calls).toEqual(['update:3'])
    expect(main.rows.map((r) => r.address)).toEqual(['a', 'x', 'b'])
  })

  it("after every row of a large payout is replaced, main's checks reach the rows past the answer's first page too", async () => {
    const rows = Array.from({ length: 2 + REST_PAGE + 3 }, (_, i) => row(i === REST_PAGE + 3 ? 'bad' : `a${i}`))
    main.rows = rows.map((r) => ({ address: r.address, amount: '1' }))
    main.answerRows = 2
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, rows, quiet)
    const next = insertRows(rows, 0)
    next[0]!.address = 'x'
    next[0]!.amount = '1'
    draft.replaceRows(next)
    await draft.flush()
    expect(main.calls).toEqual([`update:${next.length}`, 'get:2', `get:${2 + REST_PAGE}`])
    const bad = next[REST_PAGE + 4]!
    expect([bad.address, bad.pending, bad.issues]).toEqual(['bad', false, [BAD_ADDRESS]])
    expect(next.every((r) => !r.pending)).toBe(true)
    expect(draft.state).toBe('saved')
  })

  it("an edit made while a save is running is not overwritten by that save's answer, and is saved next", async () => {
    const a = row('a')
    main.rows = [{ address: 'a', amount: '1' }]
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
    let open!: () => void
    main.gate = new Promise((r) => (open = r))
    a.address = 'bad'
    a.version++
    draft.edited([a])
    const first = draft.flush()
    await Promise.resolve()
    a.address = 'fixed' // typed while the first save is on its way
    a.version++
    draft.edited([a])
    let openSecond!: () => void
    main.gate = new Promise((r) => (openSecond = r))
    open()
    await vi.waitFor(() => expect(main.calls).toHaveLength(2))
    // The first answer was about 'bad': it must not mark the newer 'fixed' as checked or wrong.
    expect(a.issues).toEqual([])
    expect(a.pending).toBe(true)
    openSecond()
    await first
    expect(main.calls).toEqual(['patch:1', 'patch:1'])
    expect(main.rows[0]!.address).toBe('fixed')
    expect(a.issues).toEqual([])
    expect(a.pending).toBe(false)
  })

  it('a large payout opened from its first page reads the rest, and an edit made meanwhile is patched, not a replace', async () => {
    main.rows = [
      { address: 'a', amount: '1' },
      { address: 'b', amount: '1' },
      { address: 'c', amount: '1' }
    ]
    const first = [row('a'), row('b')]
    const loaded: GridRow[][] = []
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, first, {
      ...quiet,
      loaded: (rows) => loaded.push([...rows])
    })
    const loading = draft.loadRemaining({ rows: 2, recipientCount: 3, updatedAt: '' })
    first[0]!.amount = '9'
    first[0]!.version++
    draft.edited([first[0]!])
    expect(await loading).toBeNull()
    await draft.flush()
    expect(loaded.map((rows) => rows.map((r) => r.address))).toEqual([['c']])
    expect(main.calls).toEqual(['get:2', 'patch:1'])
    expect(main.rows.map((r) => r.address)).toEqual(['a', 'b', 'c'])
  })

  it('a large payout is read a page at a time after the first rows, the next page asked for before one is added, and reaches the grid in slices', async () => {
    const total = 2 + 2 * REST_PAGE + 5
    main.rows = Array.from({ length: total }, (_, i) => ({ address: `a${i}`, amount: '1' }))
    const first = [row('a0'), row('a1')]
    const slices: Array<{ readonly size: number; readonly remaining: number; readonly asked: number }> = []
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, first, {
      ...quiet,
      loaded: (rows, remaining) => slices.push({ size: rows.length, remaining, asked: main.calls.length })
    })
    expect(draft.rowNumber(first[1]!)).toBe(2)
    expect(await draft.loadRemaining({ rows: 2, recipientCount: total, updatedAt: '' })).toBeNull()
    expect(main.calls).toEqual(['get:2', `get:${2 + REST_PAGE}`, `get:${2 + 2 * REST_PAGE}`])
    expect(slices[0]!.asked).toBe(3) // the later pages were on their way before any row of the first was added
    expect(slices.length).toBeGreaterThan(3)
    expect(Math.max(...slices.map((s) => s.size))).toBeLessThanOrEqual(REST_PAGE)
    let left = total - 2
    for (const s of slices) expect(s.remaining).toBe((left -= s.size))
    expect(left).toBe(0)
    expect(draft.loading).toBe(false)
    expect(draft.rows.map((r) => r.address)).toEqual(main.rows.map((r) => r.address))
    // Loaded rows are numbered on from the first page's.
    expect(draft.rowNumber(draft.rows[total - 1]!)).toBe(total)
  })

  it('when the payout changes between two pages, reading stops and nothing is saved over it', async () => {
    const total = 1 + REST_PAGE + 1
    main.rows = Array.from({ length: total }, (_, i) => ({ address: `a${i}`, amount: '1' }))
    main.afterGet = () => {
      main.afterGet = null
      main.rows.push({ address: 'added elsewhere', amount: '1' })
    }
    const a = row('a0')
    let loaded = 0
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], {
      ...quiet,
      loaded: (rows) => (loaded += rows.length)
    })
    expect((await draft.loadRemaining({ rows: 1, recipientCount: total, updatedAt: '' }))?.code).toBe('payout_changed')
    expect(loaded).toBe(REST_PAGE)
    a.amount = '2'
    draft.edited([a])
    await draft.flush()
    expect(main.calls).toEqual(['get:1', `get:${1 + REST_PAGE}`])
    expect(draft.state).toBe('error')
    expect(main.rows).toHaveLength(total + 1)
  })

  it('when the rest of a payout cannot be read, nothing is saved over the rows that did not arrive', async () => {
    main.rows = [
      { address: 'a', amount: '1' },
      { address: 'b', amount: '1' }
    ]
    main.getFailure = { code: 'internal_error', message: 'disk' }
    const a = row('a')
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
    expect((await draft.loadRemaining({ rows: 1, recipientCount: 2, updatedAt: '' }))?.code).toBe('internal_error')
    draft.edited([a])
    await draft.flush()
    expect(main.calls).toEqual(['get:1'])
    expect(draft.state).toBe('error')
    expect(main.rows).toHaveLength(2)
  })

  it('flush sends a waiting edit at once, without the typing pause, and stays unsaved until main answers', async () => {
    const a = row('a')
    main.rows = [{ address: 'a', amount: '1' }]
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
    expect(draft.unsaved).toBe(false)
    let answer: () => void = () => undefined
    main.gate = new Promise((resolve) => (answer = resolve))
    a.amount = '7'
    a.version++
    draft.edited([a])
    expect(draft.unsaved).toBe(true)
    const flushed = draft.flush()
    await vi.waitFor(() => expect(main.calls).toEqual(['patch:1']))
    expect(draft.unsaved).toBe(true) // sent, not yet stored
    answer()
    await flushed
    expect(draft.unsaved).toBe(false)
    expect(main.rows[0]!.amount).toBe('7')
    draft.dispose()
  })

  it('flush sends nothing when nothing is waiting', async () => {
    main.rows = [{ address: 'a', amount: '1' }]
    const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [row('a')], quiet)
    await draft.flush()
    expect(main.calls).toEqual([])
    expect(draft.unsaved).toBe(false)
  })

  describe('saving before the page goes away', () => {
    /** A window in miniature: listeners by event name and a visibility the test sets. */
    function standInPage() {
      const listeners = new Map<string, Set<(event: Event) => void>>()
      const page = {
        document: { visibilityState: 'visible' as DocumentVisibilityState },
        addEventListener: (type: string, l: (event: Event) => void) =>
          void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(l),
        removeEventListener: (type: string, l: (event: Event) => void) => void listeners.get(type)?.delete(l)
      }
      const fire = (type: string): Event => {
        const event = new Event(type, { cancelable: true })
        for (const l of listeners.get(type) ?? []) l(event)
        return event
      }
      return {
        page: page as PageLifecycle,
        set: page,
        fire,
        count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0)
      }
    }

    beforeEach(() => vi.useFakeTimers())
    afterEach(() => vi.useRealTimers())

    const editedDraft = () => {
      const a = row('a')
      main.rows = [{ address: 'a', amount: '1' }]
      const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
      a.amount = '9'
      a.version++
      draft.edited([a])
      return draft
    }

    it('pagehide sends the waiting edit before the pause is over', async () => {
      const draft = editedDraft()
      const p = standInPage()
      saveBeforeLeaving(draft, p.page)
      p.fire('pagehide')
      await vi.advanceTimersByTimeAsync(0)
      expect(main.calls).toEqual(['patch:1'])
      expect(main.rows[0]!.amount).toBe('9')
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2)
      expect(main.calls).toEqual(['patch:1']) // the pause's own save found nothing left
    })

    it('hiding the page sends the waiting edit; becoming visible does not', async () => {
      const draft = editedDraft()
      const p = standInPage()
      saveBeforeLeaving(draft, p.page)
      p.fire('visibilitychange')
      await vi.advanceTimersByTimeAsync(0)
      expect(main.calls).toEqual([])
      p.set.document.visibilityState = 'hidden'
      p.fire('visibilitychange')
      await vi.advanceTimersByTimeAsync(0)
      expect(main.calls).toEqual(['patch:1'])
    })

    it('leaving asks to stay while a save is waiting, and starts it; with nothing waiting it does not ask', async () => {
      const draft = editedDraft()
      const p = standInPage()
      const stop = saveBeforeLeaving(draft, p.page)
      expect(p.fire('beforeunload').defaultPrevented).toBe(true)
      await vi.advanceTimersByTimeAsync(0)
      expect(main.calls).toEqual(['patch:1'])
      expect(draft.unsaved).toBe(false)
      expect(p.fire('beforeunload').defaultPrevented).toBe(false)
      stop()
      expect(p.count()).toBe(0)
    })

    it('a cell still being typed in is committed when the page goes away, so leaving asks and sends it', async () => {
      const a = row('a')
      main.rows = [{ address: 'a', amount: '1' }]
      const draft = new DraftController('PO-TEST', { assetId: ASSET, description: '' }, [a], quiet)
      const p = standInPage()
      let open = true // the amount cell's editor holds 7, not committed yet
      const commitTyping = (): void => {
        if (!open) return
        open = false
        a.amount = '7'
        a.version++
        draft.edited([a])
      }
      saveBeforeLeaving(draft, p.page, commitTyping)
      p.set.document.visibilityState = 'hidden'
      p.fire('visibilitychange') // switching windows leaves the cell open
      expect(open).toBe(true)
      expect(p.fire('beforeunload').defaultPrevented).toBe(true)
      await vi.advanceTimersByTimeAsync(0)
      expect(main.calls).toEqual(['patch:1'])
      expect(main.rows[0]!.amount).toBe('7')
    })
  })
})
