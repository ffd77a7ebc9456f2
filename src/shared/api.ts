// Runs in: every process. The one contract between renderer and main: each method's input schema
// (validated in main, because the renderer is less trusted) and result type, and the events main
// pushes back. The preload's bridge and the test harness are generated from `contract`.
import { z } from 'zod'
import type { Result } from './result'
import type { ErrorCode } from './errors'
import type { ItemStatus, PayoutKind, PayoutStatus } from './statuses'
import { PAYOUT_KINDS, PAYOUT_STATUSES } from './statuses'
import { findForbiddenCharacter, forbiddenCharacterMessage, sentence, TEXT_KIND, type TextKind } from './text'
import type { MethodName } from './methods'
import { NUMBER_FORMATS, type NumberFormat } from './numberFormat'
import type {
  AddressLabelView,
  ApprovalPolicyView,
  ApprovalReviewView,
  AuditVerificationView,
  ImportedReview,
  PaidRowsCheckView,
  RecipientSafetyView,
  SubmissionReviewView
} from './approvals'
import { WARNING_KINDS } from './approvals'
import { ACCOUNT_PATH_PATTERN, ACCOUNT_SCHEMES } from './execution'
import type {
  AccountingExportView,
  FiatEstimateView,
  PayoutAccountingView,
  ReconciliationView,
  ScheduleView
} from './accounting'
import { ACCOUNTING_TARGETS, BOOK_CURRENCIES, DATE_ORDERS, SCHEDULE_CADENCES } from './accounting'
import type {
  AccountView,
  DeviceStatusView,
  EndpointHealthView,
  EndpointView,
  ExecutionProgressView,
  ExecutionQuoteView,
  ExecutionResultView,
  PayoutTransactionView
} from './execution'
import {
  API_SCOPES,
  EXTERNAL_ID_PATTERN,
  EXTERNAL_ID_RULE,
  INBOX_READINESS,
  type AutomationView,
  type CreatedApiToken,
  type CreatedWebhook,
  type PayoutSource
} from './automation'
import { SAFE_ROUTES, type SafeAccountView, type SafePayoutView, type SafeQuoteView } from './safe'
import { COLUMN_ID_PATTERN, type Preferences } from './preferences'

export { EVENT_CHANNEL, IPC_PREFIX, METHOD_NAMES, type MethodName } from './methods'

// ---- Data that crosses the boundary. Amounts are strings of base-unit digits: never JS numbers.

export interface Network {
  readonly chainId: number
  readonly name: string
  readonly nativeSymbol: string
  readonly explorerUrl: string | null
  readonly testnet: boolean
  readonly development: boolean
  /**
   * Blocks (the transaction's own included) before a payment on this network counts as final: the
   * network's minimum, which the desk's confirmations setting can raise but never lower.
   */
  readonly minConfirmations: number
}

export interface Asset {
  /** `${chainId}:native` or `${chainId}:${tokenAddress}` */
  readonly id: string
  readonly chainId: number
  readonly kind: 'native' | 'erc20'
  readonly symbol: string
  readonly name: string
  readonly decimals: number
  readonly tokenAddress: string | null
}

export interface Issue {
  /** 'address', 'amount', 'name', 'reference', 'note', 'asset' or 'row'. */
  readonly field: string
  readonly severity: 'error' | 'warning'
  readonly code: string
  readonly message: string
}

export interface RecipientInput {
  readonly address: string
  readonly amount: string
  readonly name?: string
  readonly reference?: string
  readonly note?: string
  /** Account code or category, and cost center: optional labels for the books. */
  readonly category?: string
  readonly costCenter?: string
  /**
   * The number format `amount` is written in, when it is sent as typed at a desk (the desk could
   * not read it): main reads it by that format's rules, refusing what they cannot read
   * (shared/deskAmount.ts), rather than by its own reading of separators.
   */
  readonly amountFormat?: NumberFormat
}

export interface PayoutItem {
  /** 1-based row number as the user sees it in the payout. */
  readonly row: number
  /** The address as entered, or its checksummed form once valid. */
  readonly address: string
  /** The amount as entered, or its exact decimal form once valid. */
  readonly amount: string
  readonly amountBaseUnits: string | null
  readonly name: string
  readonly reference: string
  readonly note: string
  /** Account code or category, and cost center, for the books; '' when none. */
  readonly category: string
  readonly costCenter: string
  readonly status: ItemStatus
  readonly issues: readonly Issue[]
  readonly txHash: string | null
  /** Why this row's payment failed ("reverted: the token refused the transfer"), once it has. */
  readonly failure: string | null
}

export interface PayoutSummary {
  readonly id: string
  readonly kind: PayoutKind
  readonly status: PayoutStatus
  readonly chainId: number
  readonly networkName: string
  readonly assetId: string
  readonly assetSymbol: string
  readonly decimals: number
  readonly totalBaseUnits: string
  readonly recipientCount: number
  readonly errorCount: number
  readonly warningCount: number
  readonly description: string
  readonly createdAt: string
  readonly updatedAt: string
  readonly createdBy: string
  /** Where the payout was drafted: this desk, or an automation source with its name. */
  readonly source: PayoutSource
}

export interface AuditEntry {
  readonly id: number
  readonly at: string
  /** The team roster's name for a signed act, or the desk's label for an unsigned one. */
  readonly actor: string
  /** The Ledger address that signed the act; null for what no signature covers. */
  readonly actorAddress: string | null
  readonly action: string
  readonly fromStatus: PayoutStatus | null
  readonly toStatus: PayoutStatus | null
  /** What happened, in the asset's units. */
  readonly detail: string
  /** The same figures exactly, in base units: shown on request. Empty when there are none. */
  readonly exact: string
}

/** What made a draft's change: recorded in the history as an edit, an undo or a redo. */
export const EDIT_CAUSES = ['edit', 'undo', 'redo'] as const
export type EditCause = (typeof EDIT_CAUSES)[number]
/** The history's action word for each cause. */
export const EDIT_ACTIONS: Readonly<Record<EditCause, string>> = {
  edit: 'edited',
  undo: 'edit_undone',
  redo: 'edit_redone'
}

/** In a stored audit entry's text, what follows this is the exact base-units form of its figures. */
export const AUDIT_EXACT_SEPARATOR = '\n\n'

export interface PayoutDetail extends PayoutSummary {
  /** Rows per status across the whole payout (items may be only one page of them). */
  readonly itemCounts: Readonly<Record<ItemStatus, number>>
  readonly items: readonly PayoutItem[]
  readonly itemsOffset: number
  readonly timeline: readonly AuditEntry[]
  readonly allowed: { readonly edit: boolean; readonly cancel: boolean; readonly submit: boolean }
}

/**
 * Rows of a payout as the grid editor holds them, one array per column: entry i of each array is
 * row `firstRow + i`. A page of 10,000 rows crosses the process boundary as a few arrays of
 * strings, not 10,000 objects each naming its fields, and only the rows with issues carry any.
 */
export interface PayoutRowsPage {
  /** The payout as these rows were read: rows read with other figures belong to another state of it. */
  readonly recipientCount: number
  readonly updatedAt: string
  /** Row number (1-based) of the page's first row; the others follow in order. */
  readonly firstRow: number
  /** As in PayoutItem, one entry per row. */
  readonly address: readonly string[]
  readonly amount: readonly string[]
  readonly amountBaseUnits: ReadonlyArray<string | null>
  readonly name: readonly string[]
  readonly reference: readonly string[]
  readonly note: readonly string[]
  readonly category: readonly string[]
  readonly costCenter: readonly string[]
  /** The issues of the rows that have any, by index in the page, in row order; a row not named has none. */
  readonly issues: ReadonlyArray<readonly [index: number, issues: readonly Issue[]]>
}

export interface PayoutPage {
  readonly total: number
  readonly items: readonly PayoutSummary[]
}

export interface Settings {
  /** This desk's label for actions no signature covers (drafting, editing); identities are Ledger addresses. */
  readonly operatorName: string
  readonly confirmations: number
  /** How the desk writes numbers; null until chosen (the renderer then takes it from the computer's locale). */
  readonly numberFormat: NumberFormat | null
}

export interface RecipientCheck {
  readonly address: string | null
  readonly amountBaseUnits: string | null
  readonly issues: readonly Issue[]
}

/** One row of an uploaded registry as main read it: the file's row number, the text the grid will hold, and its problems. */
export interface RegistryPreviewRow {
  readonly sourceRow: number
  readonly address: string
  readonly amount: string
  readonly amountBaseUnits: string | null
  readonly name: string
  readonly reference: string
  readonly note: string
  readonly category: string
  readonly costCenter: string
  readonly issues: readonly Issue[]
}

/** Rows a registry preview answers with; the others are read a page at a time with readImportRows. */
export const PREVIEW_FIRST_ROWS = 1_000
/** Most rows one readImportRows call returns (and what the import asks for at a time). */
export const MAX_IMPORT_PAGE_ROWS = 10_000

/** What an uploaded CSV/XLSX/XLS/ODS registry contains, before anything is saved. */
export interface RegistryPreview {
  readonly format: string | null
  readonly encoding: string
  readonly encodingAssumed: boolean
  readonly delimiter: string | null
  readonly sheets: readonly string[]
  readonly sheet: string | null
  readonly needs: 'sheet' | 'mapping' | null
  readonly headers: readonly string[]
  readonly columns: readonly string[]
  readonly mapping: Readonly<Record<string, string>>
  readonly sample: readonly (readonly string[])[]
  readonly decimalSeparator: '.' | ',' | null
  readonly amountReadings: ReadonlyArray<{ readonly sourceRow: number; readonly text: string; readonly readAs: string }>
  /** The first PREVIEW_FIRST_ROWS rows; totals.rows counts them all. */
  readonly rows: readonly RegistryPreviewRow[]
  /** Names the rows main keeps for the import (readImportRows, and a save with `imported`); null when there is nothing to import. */
  readonly importId: string | null
  /** Some amount could not be read because only the file's decimal separator can decide it. */
  readonly ambiguousAmounts: boolean
  readonly skippedBlankRows: number
  readonly totals: {
    readonly rows: number
    readonly validRows: number
    readonly rowsWithErrors: number
    readonly rowsWithWarnings: number
    readonly amountTotalBaseUnits: string
  }
  readonly notices: ReadonlyArray<{ readonly code: string; readonly message: string }>
  readonly error: { readonly code: string; readonly message: string } | null
}

/** Rows of an import from `offset` (0-based, as the preview counts them). */
export interface ImportRowsPage {
  readonly offset: number
  readonly rows: readonly RegistryPreviewRow[]
}

/** The result of saving edited grid rows: the payout's new totals and every row whose content or issues changed. */
export interface RowsPatched {
  readonly payout: PayoutSummary
  readonly rows: readonly PayoutItem[]
}

/** Something about the app's environment the user must know (e.g. no OS keychain). */
export interface Notice {
  readonly code: string
  readonly severity: 'info' | 'warning'
  readonly message: string
}

export interface FileContent {
  readonly fileName: string
  readonly contentBase64: string
}

// ---- Input schemas. Strings are bounded so a hostile renderer cannot make main allocate without limit.

/** A schema issue's parameter holding the error code main answers with instead of invalid_input. */
export const APP_CODE_PARAM = 'appCode'

const Text = (max: number) => z.string().max(max)
/**
 * Text a person reads as a name, label or note: refuses the characters src/shared/text.ts names,
 * with a message naming `field` and the character. The error carries its own code (see dispatch).
 */
const CheckedText = (max: number, field: string, kind: TextKind) =>
  Text(max).superRefine((value, ctx) => {
    const found = findForbiddenCharacter(value, kind)
    if (found !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: sentence(forbiddenCharacterMessage(field, found, kind)),
        params: { [APP_CODE_PARAM]: found.code }
      })
  })
const Label = (max: number, field: string) => CheckedText(max, field, TEXT_KIND.label)
const FreeText = (max: number, field: string) => CheckedText(max, field, TEXT_KIND.freeText)
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id')
const AssetId = z.string().regex(/^[0-9]{1,12}:(native|0x[0-9a-fA-F]{40})$/, 'not an asset id')
const MAX_RECIPIENTS = 1_000_000
/**
 * Rows one patchPayoutRows call saves. Grid edits are a few rows; a paste of a larger block is sent
 * in calls of this many rows, each answered quickly, so main never stops answering for seconds.
 */
export const MAX_PATCH_ROWS = 2_000
/** Rows one getPayout or getPayoutRows call reads: the grid reads a large payout in pages of this many. */
export const MAX_PAYOUT_PAGE_ROWS = 10_000
/** An approval or request file (JSON), base64: small, so bounded well below registry files. */
const Base64File = z
  .string()
  .max(16 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')
const ImportId = z.string().regex(/^IM-[0-9a-f]{24}$/, 'not an import id')
/**
 * The rows of an import preview, stored after `recipients` without the window sending them back:
 * main keeps them (importId) and stores them only if they are the rows the window says it holds,
 * by count, total and fingerprint (src/shared/rowsDigest.ts).
 */
const ImportedRows = z.strictObject({
  importId: ImportId,
  rows: z.number().int().min(1).max(MAX_RECIPIENTS),
  totalBaseUnits: z.string().regex(/^[0-9]{1,90}$/, 'not base units'),
  digest: z.string().regex(/^[0-9a-f]{16}$/, 'not a rows digest')
})
const AddressText = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'not an address')
const TxHash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a transaction hash')
/** BIP-32 path of an Ethereum account: 44'/60'/... */
/** A Safe account: `${chainId}:${checksummed address}`. */
const SafeId = z.string().regex(/^[0-9]{1,12}:0x[0-9a-fA-F]{40}$/, 'not a Safe account id')
const DerivationPath = z.string().regex(ACCOUNT_PATH_PATTERN, 'not an Ethereum account path')
/** More columns than the grid has; a layout is only ever the grid's own columns. */
const MAX_GRID_COLUMNS = 50
const MAX_COLUMN_WIDTH = 10_000

/**
 * A recipient's name, reference and note are checked for refused characters by row validation
 * (src/main/registry/validate.ts), not here: like any other problem of a row, typed in the grid or
 * imported from a file, it is kept in the draft and shown on its row, and the payout cannot be
 * submitted until it is fixed. Refusing the call would refuse every other row saved with it.
 */
export const RecipientInputSchema = z.strictObject({
  address: Text(200),
  amount: Text(200),
  name: Text(500).optional(),
  reference: Text(200).optional(),
  note: Text(2000).optional(),
  category: Text(200).optional(),
  costCenter: Text(200).optional(),
  amountFormat: z
    .enum(NUMBER_FORMATS)
    .describe(
      "The number format of an amount sent as typed at the app's own desk, which main reads it by. The REST API and the command line take canonical amounts (amountUnit) and refuse it."
    )
    .optional()
})

/** Element errors reported for one array before the rest is left unchecked. */
const MAX_ELEMENT_ERRORS = 10

/**
 * The element schema and bound of every array checked by `boundedArray`. Its transform hides the
 * element from a JSON Schema of the input; documents generated from the contract (the REST API's
 * OpenAPI) read the element from here.
 */
export const boundedArrays = new WeakMap<object, { readonly element: z.ZodType; readonly max: number }>()

/**
 * An array checked the cheap way round: its length first (a million-element array is refused
 * before any element is examined), then its elements, stopping after a few bad ones, so a hostile
 * call cannot keep main busy building a million error messages.
 */
function boundedArray<T extends z.ZodType>(element: T, max: number): z.ZodType<Array<z.output<T>>, Array<z.input<T>>> {
  const checked = z
    .array(z.unknown())
    .max(max)
    .transform((items, ctx) => {
      const out: Array<z.output<T>> = []
      let failures = 0
      for (let i = 0; i < items.length; i++) {
        const r = element.safeParse(items[i])
        if (r.success) {
          out.push(r.data)
          continue
        }
        for (const issue of r.error.issues)
          ctx.addIssue({ code: 'custom', message: issue.message, path: [i, ...issue.path] })
        if (++failures >= MAX_ELEMENT_ERRORS) break
      }
      return failures > 0 ? z.NEVER : out
    })
  boundedArrays.set(checked, { element, max })
  // The declared input is the element's: callers are typed as if the array were checked directly.
  return checked as unknown as z.ZodType<Array<z.output<T>>, Array<z.input<T>>>
}

const Empty = z.strictObject({})
/** A UTC calendar day, YYYY-MM-DD (its existence is checked where it is used). */
const Day = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'not a date (YYYY-MM-DD)')
/** One payout, or every payout paid in a range of UTC days. */
const BooksScope = z.union([z.strictObject({ payoutId: Id }), z.strictObject({ from: Day, to: Day })])
const TimeZone = z.string().regex(/^[A-Za-z0-9_+\-/]{1,64}$/, 'not a time zone')
/** The registry reader's 128 MiB file limit, as base64 (4/3 larger): a 1,000,000-row CSV fits. */
const MAX_FILE_BASE64 = Math.ceil((128 * 1024 * 1024) / 3) * 4

const schemaMap = {
  listNetworks: Empty,
  listAssets: z.strictObject({ chainId: z.number().int().positive().optional() }),
  checkRecipient: z.strictObject({ assetId: AssetId, recipient: RecipientInputSchema }),
  createPayout: z.strictObject({
    kind: z.enum(PAYOUT_KINDS),
    assetId: AssetId,
    description: Label(1000, 'the purpose'),
    recipients: boundedArray(RecipientInputSchema, MAX_RECIPIENTS),
    imported: ImportedRows.optional()
  }),
  updatePayout: z.strictObject({
    id: Id,
    assetId: AssetId.optional(),
    description: Label(1000, 'the purpose').optional(),
    recipients: boundedArray(RecipientInputSchema, MAX_RECIPIENTS).optional(),
    /** Editing a pending payout returns it to Draft and voids its approvals: the user confirmed that. */
    reopen: z.boolean().optional(),
    /** Stored after `recipients` (none when left out): every row is replaced. */
    imported: ImportedRows.optional(),
    /** What made the change, for the history: an edit, or undoing or redoing earlier ones. */
    cause: z.enum(EDIT_CAUSES).optional()
  }),
  getPayout: z.strictObject({
    id: Id,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(0).max(MAX_PAYOUT_PAGE_ROWS).optional()
  }),
  getPayoutRows: z.strictObject({
    id: Id,
    afterRow: z.number().int().min(0).max(MAX_RECIPIENTS),
    limit: z.number().int().min(1).max(MAX_PAYOUT_PAGE_ROWS)
  }),
  listPayouts: z.strictObject({
    status: z.enum(PAYOUT_STATUSES).optional(),
    kind: z.enum(PAYOUT_KINDS).optional(),
    text: Text(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50)
  }),
  cancelPayout: z.strictObject({ id: Id, reason: FreeText(1000, 'the reason').optional() }),
  previewRegistry: z.strictObject({
    fileName: Text(255).min(1),
    /** Checked as base64 by main while it decodes it, a slice at a time (one check of 171 MB held main for a second). */
    contentBase64: z.string().max(MAX_FILE_BASE64),
    assetId: AssetId,
    options: z
      .strictObject({
        sheet: Text(255).optional(),
        delimiter: z.enum([',', ';', '\t', '|', ' ']).optional(),
        encoding: z
          .enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1', 'iso-8859-15', 'macintosh'])
          .optional(),
        mapping: z
          .partialRecord(
            z.enum([
              'address',
              'amount',
              'name',
              'reference',
              'note',
              'category',
              'cost_center',
              'token_type',
              'token_address',
              'currency',
              'chain_id'
            ]),
            z.string().regex(/^[A-Z]{1,3}$/)
          )
          .optional(),
        hasHeader: z.boolean().optional(),
        decimalSeparator: z.enum(['.', ',']).optional()
      })
      .optional()
  }),
  readImportRows: z.strictObject({
    importId: ImportId,
    offset: z.number().int().min(0).max(MAX_RECIPIENTS),
    limit: z.number().int().min(1).max(MAX_IMPORT_PAGE_ROWS)
  }),
  patchPayoutRows: z.strictObject({
    id: Id,
    rows: boundedArray(
      RecipientInputSchema.extend({ row: z.number().int().min(1).max(MAX_RECIPIENTS) }),
      MAX_PATCH_ROWS
    ).refine((rows) => rows.length > 0, 'needs at least one row'),
    /** Editing a pending payout returns it to Draft and voids its approvals: the user confirmed that. */
    reopen: z.boolean().optional(),
    cause: z.enum(EDIT_CAUSES).optional()
  }),
  reviewSubmission: z.strictObject({ id: Id }),
  submitPayout: z.strictObject({
    id: Id,
    /** Every kind of warning the payout has, acknowledged in the confirmation. */
    acknowledged: z.array(z.enum(WARNING_KINDS)).max(WARNING_KINDS.length),
    /** The submitter's Ledger account; null submits unsigned (only where the policy allows it). */
    accountPath: DerivationPath.nullable(),
    /** The account that will pay: approvers approve paying from it. */
    payerAddress: AddressText.nullable()
  }),
  retryPayout: z.strictObject({ id: Id }),
  confirmRowNotPaid: z.strictObject({
    id: Id,
    row: z.number().int().min(1).max(MAX_RECIPIENTS),
    hash: TxHash,
    reason: Text(1000)
  }),
  revokeAllowance: z.strictObject({ id: Id, accountPath: DerivationPath }),
  /** The paying account signs on its device that its transactions up to (not including) number `through` were looked at: none paid rows waiting to be paid. */
  signUnrecordedSendsStatement: z.strictObject({
    id: Id,
    accountPath: DerivationPath,
    /** The account the refusal named: the device's account at `accountPath` must be it. */
    account: AddressText,
    through: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
  }),
  listPayoutTransactions: z.strictObject({ id: Id }),
  replaceTransaction: z.strictObject({
    id: Id,
    hash: TxHash,
    kind: z.enum(['speed_up', 'cancel']),
    accountPath: DerivationPath
  }),
  exportPayout: z.strictObject({ id: Id, format: z.enum(['csv', 'xlsx']) }),
  /** `currency`: what the report's fiat values are in (USD when left out). */
  exportPayoutReport: z.strictObject({
    id: Id,
    format: z.enum(['csv', 'xlsx']),
    currency: z.enum(BOOK_CURRENCIES).optional()
  }),
  registryTemplate: z.strictObject({ format: z.enum(['csv', 'xlsx']) }),
  getDeviceStatus: Empty,
  listAccounts: z.strictObject({
    scheme: z.enum(ACCOUNT_SCHEMES),
    start: z.number().int().min(0).max(1_000),
    count: z.number().int().min(1).max(20)
  }),
  verifyAccount: z.strictObject({ path: DerivationPath }),
  listEndpoints: Empty,
  setEndpoint: z.strictObject({ chainId: z.number().int().positive(), url: Text(2000).min(1) }),
  resetEndpoint: z.strictObject({ chainId: z.number().int().positive() }),
  setSecondOpinion: z.strictObject({ chainId: z.number().int().positive(), on: z.boolean() }),
  checkEndpoint: z.strictObject({ chainId: z.number().int().positive() }),
  quotePayout: z.strictObject({ id: Id, accountPath: DerivationPath }),
  executePayout: z.strictObject({ id: Id, accountPath: DerivationPath, plan: z.enum(['batch', 'per_recipient']) }),
  getApprovalPolicy: Empty,
  proposePolicy: z.strictObject({
    members: z
      .array(
        z.strictObject({ name: Label(100, 'the member name').min(1), address: AddressText, approver: z.boolean() })
      )
      .min(1)
      .max(50),
    threshold: z.number().int().min(1).max(50),
    requireApproval: z.boolean(),
    unsignedSubmissions: z.boolean(),
    amountRules: z.array(z.strictObject({ assetId: AssetId, maxWithoutApproval: Text(100).min(1) })).max(200)
  }),
  signPolicyProposal: z.strictObject({ accountPath: DerivationPath }),
  discardPolicyProposal: Empty,
  exportPolicy: Empty,
  importPolicy: z.strictObject({ contentBase64: Base64File, adoptTeam: z.boolean() }),
  getApprovalReview: z.strictObject({ id: Id }),
  approvePayout: z.strictObject({ id: Id, accountPath: DerivationPath }),
  rejectPayout: z.strictObject({ id: Id, accountPath: DerivationPath, reason: FreeText(1000, 'the reason').min(1) }),
  exportForApproval: z.strictObject({ id: Id }),
  importApproval: z.strictObject({ contentBase64: Base64File }),
  importForApproval: z.strictObject({ contentBase64: Base64File }),
  listImportedForApproval: Empty,
  approveImported: z.strictObject({ id: Id, accountPath: DerivationPath }),
  exportApproval: z.strictObject({ id: Id }),
  getRecipientSafety: z.strictObject({ id: Id }),
  acknowledgeLookalike: z.strictObject({ id: Id, row: z.number().int().min(1).max(MAX_RECIPIENTS) }),
  listAddressBook: Empty,
  setAddressLabel: z.strictObject({ address: AddressText, label: Label(100, 'the address label').min(1) }),
  removeAddressLabel: z.strictObject({ address: AddressText }),
  verifyAuditLog: Empty,
  checkPayoutPaidRows: z.strictObject({ id: Id }),
  getNotices: Empty,
  exportAccounting: z.strictObject({
    scope: BooksScope,
    target: z.enum(ACCOUNTING_TARGETS),
    currency: z.enum(BOOK_CURRENCIES),
    dateOrder: z.enum(DATE_ORDERS).optional()
  }),
  reconcilePayouts: z.strictObject({ scope: BooksScope }),
  getPayoutAccounting: z.strictObject({ id: Id, currency: z.enum(BOOK_CURRENCIES) }),
  setTypedRate: z.strictObject({
    id: Id,
    base: z.string().regex(/^[A-Za-z0-9.]{1,16}$/, 'not a currency symbol'),
    currency: z.enum(BOOK_CURRENCIES),
    rate: Text(100).min(1),
    note: FreeText(500, 'the note').optional()
  }),
  estimatePayoutFiat: z.strictObject({ id: Id, currency: z.enum(BOOK_CURRENCIES) }),
  repeatPayout: z.strictObject({ id: Id }),
  createSchedule: z.strictObject({
    templatePayoutId: Id,
    cadence: z.enum(SCHEDULE_CADENCES),
    day: z.number().int().min(1).max(31),
    timeZone: TimeZone,
    startsOn: Day.optional()
  }),
  listSchedules: Empty,
  setScheduleActive: z.strictObject({ id: Id, active: z.boolean() }),
  deleteSchedule: z.strictObject({ id: Id }),
  getSettings: Empty,
  addSafeAccount: z.strictObject({ chainId: z.number().int().positive(), address: AddressText }),
  listSafeAccounts: Empty,
  removeSafeAccount: z.strictObject({ safeId: SafeId }),
  quoteSafePayout: z.strictObject({ id: Id, safeId: SafeId }),
  planSafePayout: z.strictObject({
    id: Id,
    safeId: SafeId,
    route: z.enum(SAFE_ROUTES),
    /** A nonce was used elsewhere: the user saw what happened and plans the affected rows again. */
    replanConfirmed: z.boolean().optional()
  }),
  getSafePayout: z.strictObject({ id: Id }),
  exportSafeTransaction: z.strictObject({ id: Id, safeTxHash: TxHash }),
  importSafeTransaction: z.strictObject({ fileName: Text(255).min(1), contentBase64: Base64File }),
  signSafeTransaction: z.strictObject({ id: Id, safeTxHash: TxHash, accountPath: DerivationPath }),
  exportSafeSignature: z.strictObject({ id: Id, safeTxHash: TxHash, signer: AddressText }),
  importSafeSignature: z.strictObject({ id: Id, fileName: Text(255).min(1), contentBase64: Base64File }),
  executeSafeTransaction: z.strictObject({ id: Id, safeTxHash: TxHash, accountPath: DerivationPath }),
  cancelSafeTransaction: z.strictObject({ id: Id, safeTxHash: TxHash }),
  exportTransactionBuilder: z.strictObject({ id: Id, safeTxHash: TxHash }),
  updateSettings: z.strictObject({
    operatorName: Label(100, 'the operator name').min(1).optional(),
    confirmations: z.number().int().min(1).max(1000).optional(),
    numberFormat: z.enum(NUMBER_FORMATS).optional()
  }),
  getPreferences: Empty,
  setPayerAccount: z.strictObject({ chainId: z.number().int().positive(), accountPath: DerivationPath }),
  setGridColumns: z.strictObject({
    columns: z
      .array(
        z.strictObject({
          colId: z.string().regex(COLUMN_ID_PATTERN, 'not a column id'),
          width: z.number().positive().max(MAX_COLUMN_WIDTH).nullable(),
          hidden: z.boolean()
        })
      )
      .max(MAX_GRID_COLUMNS)
  }),
  getAutomation: Empty,
  updateAutomation: z.strictObject({
    apiEnabled: z.boolean().optional(),
    apiPort: z.number().int().min(1024).max(65535).optional(),
    inboxFolder: Text(4096).min(1).nullable().optional(),
    inboxReadiness: z.enum(INBOX_READINESS).optional(),
    outboxFolder: Text(4096).min(1).nullable().optional()
  }),
  createApiToken: z.strictObject({
    name: Label(100, 'the token name').min(1),
    scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length)
  }),
  revokeApiToken: z.strictObject({ id: Id }),
  addWebhook: z.strictObject({ url: Text(2000).min(1) }),
  removeWebhook: z.strictObject({ id: Id })
} as const

/** The id another system gives a payout it drafts (a status file in the outbox is named after it). */
export const ExternalIdSchema = z.string().regex(EXTERNAL_ID_PATTERN, `an external id is ${EXTERNAL_ID_RULE}`)

/** Every method in methods.ts has exactly one schema here: a missing or extra one fails to compile. */
export const schemas: { readonly [M in MethodName]: (typeof schemaMap)[M] } = schemaMap
type _NoExtraSchemas = Exclude<keyof typeof schemaMap, MethodName> extends never ? true : never
export const NO_EXTRA_SCHEMAS: _NoExtraSchemas = true

/** What each method resolves to. */
export interface Outputs {
  listNetworks: Network[]
  listAssets: Asset[]
  checkRecipient: RecipientCheck
  createPayout: PayoutDetail
  updatePayout: PayoutDetail
  getPayout: PayoutDetail
  getPayoutRows: PayoutRowsPage
  listPayouts: PayoutPage
  cancelPayout: PayoutDetail
  previewRegistry: RegistryPreview
  readImportRows: ImportRowsPage
  patchPayoutRows: RowsPatched
  reviewSubmission: SubmissionReviewView
  submitPayout: PayoutDetail
  retryPayout: PayoutDetail
  confirmRowNotPaid: PayoutDetail
  revokeAllowance: { readonly hash: string }
  signUnrecordedSendsStatement: { readonly account: string; readonly through: number }
  listPayoutTransactions: PayoutTransactionView[]
  replaceTransaction: { readonly hash: string }
  exportPayout: FileContent
  exportPayoutReport: FileContent
  registryTemplate: FileContent
  getDeviceStatus: DeviceStatusView
  listAccounts: AccountView[]
  verifyAccount: { readonly path: string; readonly address: string }
  listEndpoints: EndpointView[]
  setEndpoint: EndpointView
  resetEndpoint: EndpointView
  setSecondOpinion: EndpointView
  checkEndpoint: EndpointHealthView
  quotePayout: ExecutionQuoteView
  executePayout: ExecutionResultView
  getApprovalPolicy: ApprovalPolicyView
  proposePolicy: ApprovalPolicyView
  signPolicyProposal: ApprovalPolicyView
  discardPolicyProposal: ApprovalPolicyView
  exportPolicy: FileContent
  importPolicy: ApprovalPolicyView
  getApprovalReview: ApprovalReviewView
  approvePayout: ApprovalReviewView
  rejectPayout: ApprovalReviewView
  exportForApproval: FileContent
  importApproval: ApprovalReviewView
  importForApproval: ImportedReview
  listImportedForApproval: ImportedReview[]
  approveImported: ImportedReview
  exportApproval: FileContent
  getRecipientSafety: RecipientSafetyView[]
  acknowledgeLookalike: RecipientSafetyView
  listAddressBook: AddressLabelView[]
  setAddressLabel: AddressLabelView
  removeAddressLabel: AddressLabelView[]
  verifyAuditLog: AuditVerificationView
  /** The payout's rows marked paid, read against the signed bytes of the transactions that paid them. */
  checkPayoutPaidRows: PaidRowsCheckView
  getNotices: Notice[]
  exportAccounting: AccountingExportView
  reconcilePayouts: ReconciliationView
  getPayoutAccounting: PayoutAccountingView
  setTypedRate: PayoutAccountingView
  estimatePayoutFiat: FiatEstimateView
  repeatPayout: PayoutDetail
  createSchedule: ScheduleView
  listSchedules: ScheduleView[]
  setScheduleActive: ScheduleView
  deleteSchedule: ScheduleView[]
  getSettings: Settings
  updateSettings: Settings
  getPreferences: Preferences
  setPayerAccount: Preferences
  setGridColumns: Preferences
  getAutomation: AutomationView
  updateAutomation: AutomationView
  createApiToken: CreatedApiToken
  revokeApiToken: AutomationView
  addWebhook: CreatedWebhook
  removeWebhook: AutomationView
  addSafeAccount: SafeAccountView
  listSafeAccounts: SafeAccountView[]
  removeSafeAccount: SafeAccountView[]
  quoteSafePayout: SafeQuoteView
  planSafePayout: SafePayoutView
  getSafePayout: SafePayoutView | null
  exportSafeTransaction: FileContent
  importSafeTransaction: SafePayoutView
  signSafeTransaction: SafePayoutView
  exportSafeSignature: FileContent
  importSafeSignature: SafePayoutView
  executeSafeTransaction: SafePayoutView
  cancelSafeTransaction: SafePayoutView
  exportTransactionBuilder: FileContent
}

export type InputOf<M extends MethodName> = z.input<(typeof schemas)[M]>
export type ParsedInputOf<M extends MethodName> = z.output<(typeof schemas)[M]>

/** What main implements (createTreasury). */
export type TreasuryApi = { [M in MethodName]: (input: ParsedInputOf<M>) => Promise<Outputs[M]> }

/** What the renderer sees on `window.treasury`: every call resolves to a Result, never throws. */
export type BridgeApi = { [M in MethodName]: (input: InputOf<M>) => Promise<Result<Outputs[M]>> } & {
  onEvent(listener: (event: TreasuryEvent) => void): () => void
}

// ---- Events pushed from main to the renderer.

export type TreasuryEvent =
  | { readonly type: 'payout.changed'; readonly id: string; readonly status: PayoutStatus }
  | { readonly type: 'settings.changed' }
  /** A settled payout's block times, fees and rates were read: its fiat values can be shown. */
  | { readonly type: 'accounting.captured'; readonly id: string }
  | { readonly type: 'policy.changed' }
  /** The REST API, inbox, outbox or webhooks changed state (started, failed, delivered). */
  | { readonly type: 'automation.changed' }
  | { readonly type: 'device.status'; readonly status: DeviceStatusView }
  | { readonly type: 'execution.progress'; readonly progress: ExecutionProgressView }
  | {
      readonly type: 'execution.trackingError'
      readonly chainId: number
      readonly code: ErrorCode
      readonly message: string
    }
