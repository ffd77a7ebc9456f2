// Runs in: main (pure, no I/O) and the registry worker thread.
// Which column is which: header names and their aliases (case-insensitive), Safe's airdrop layout,
// headerless "address,amount" files, and the user's own mapping. When no header is recognised the
// reader asks for a mapping instead of guessing. Header texts are only ever compared, never used
// as object keys, so a header named "__proto__" is just text.
import { columnIndex, columnLetter } from './csv'
import { REGISTRY_FIELDS, type RegistryAsset, type RegistryField } from './types'

/** Column index per field; a Map so that no header text ever becomes a property name. */
export type ColumnMap = ReadonlyMap<RegistryField, number>

const ALIASES: ReadonlyArray<readonly [RegistryField, readonly string[]]> = [
  // Names seen in HR, affiliate and gaming exports as well as the generic ones.
  [
    'address',
    [
      'address',
      'receiver',
      'recipient',
      'wallet',
      'wallet address',
      'to',
      'recipient address',
      'receiver address',
      'to address',
      'destination address',
      'eth address',
      'evm address',
      'payout address',
      'recipient wallet',
      'receiving address',
      'receiving wallet',
      'payout wallet',
      'crypto address',
      'crypto wallet',
      'eth wallet',
      'evm wallet',
      'ethereum address',
      'ethereum wallet',
      'erc20 address',
      'bep20 address',
      'deposit address',
      'beneficiary address',
      'public address',
      'wallet addresses',
      // The same in the languages of payroll exports from German, French, Spanish, Portuguese,
      // Italian and Dutch desks.
      'adresse',
      'wallet adresse',
      'empfängeradresse',
      'adresse du portefeuille',
      'adresse portefeuille',
      'dirección',
      'direccion',
      'dirección de billetera',
      'direccion de billetera',
      'endereço',
      'endereco',
      'endereço da carteira',
      'indirizzo',
      'indirizzo wallet',
      'adres',
      'walletadres'
    ]
  ],
  [
    'amount',
    [
      'amount',
      'value',
      'sum',
      'payout amount',
      'amount to pay',
      'payment amount',
      'payout',
      'amount to send',
      'send amount',
      'transfer amount',
      'net pay',
      'net amount',
      'salary',
      'reward',
      'rewards',
      'bonus',
      'commission',
      'amount due',
      'betrag',
      'summe',
      'montant',
      'importe',
      'monto',
      'cantidad',
      'quantia',
      'importo',
      'bedrag'
    ]
  ],
  [
    'name',
    [
      'name',
      'recipient name',
      'full name',
      'receiver name',
      'payee',
      'payee name',
      'beneficiary',
      'employee name',
      'employee',
      'contractor',
      'affiliate',
      'affiliate name',
      'player',
      'player name',
      'username',
      'user name',
      'beneficiary name',
      'nom',
      'nombre',
      'nome',
      'naam',
      'bénéficiaire',
      'beneficiario'
    ]
  ],
  [
    'reference',
    [
      'reference',
      'id',
      'external id',
      'ref',
      'reference id',
      'external reference',
      'employee id',
      'payment id',
      'invoice',
      'invoice number',
      'invoice id',
      'invoice no',
      'affiliate id',
      'player id',
      'user id',
      'order id',
      'payment reference',
      'referenz',
      'verwendungszweck',
      'référence',
      'referencia',
      'referência',
      'riferimento',
      'referentie',
      'kenmerk'
    ]
  ],
  [
    'note',
    [
      'note',
      'notes',
      'comment',
      'comments',
      'description',
      'memo',
      'notiz',
      'bemerkung',
      'kommentar',
      'remarque',
      'commentaire',
      'nota',
      'comentario',
      'observação',
      'opmerking'
    ]
  ],
  // The names accounting and payroll exports give the account a payment is booked to.
  [
    'category',
    [
      'category',
      'account',
      'account code',
      'gl account',
      'gl code',
      'gl account code',
      'general ledger account',
      'ledger account',
      'nominal code',
      'nominal account',
      'expense account',
      'expense category',
      'accounting category'
    ]
  ],
  [
    'cost_center',
    [
      'cost center',
      'cost centre',
      'cost center code',
      'cost centre code',
      'costcenter',
      'costcentre',
      'department',
      'dept',
      'division',
      'business unit'
    ]
  ],
  ['token_type', ['token type']],
  ['token_address', ['token address', 'contract address', 'token contract']],
  ['currency', ['currency', 'symbol', 'token', 'asset', 'token symbol', 'coin']],
  ['chain_id', ['chain id', 'chainid', 'network id']]
]

const ALIAS_TO_FIELD = new Map<string, RegistryField>()
for (const [field, names] of ALIASES) for (const name of names) ALIAS_TO_FIELD.set(name, field)

/**
 * "Wallet_Address " -> "wallet address": case, underscores, hyphens, dots and runs of spaces do not
 * matter, nor whether an accent is one character or two ("é" as typed, or "e" and U+0301 as some
 * systems write file text).
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFC')
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, ' ')
    .replace(/[:*]+$/, '')
    .trim()
}

/**
 * The field a header names, or null. An amount header that names a currency ("Amount (USDC)",
 * "USDC Amount", "Amount USDC", "Amount in USDC") names the amount only when that currency is the
 * payout's: "Amount (EUR)" or "EUR amount" in a USDC payout goes to the mapping step instead.
 */
export function fieldForHeader(text: string, asset: Pick<RegistryAsset, 'symbol'>): RegistryField | null {
  const h = normaliseHeader(text)
  const direct = ALIAS_TO_FIELD.get(h)
  if (direct !== undefined) return direct
  const symbol = asset.symbol.toLowerCase()
  const bracket = /^(.*?)\s*[([]\s*([^)\]]+?)\s*[)\]]$/.exec(h)
  if (bracket !== null) return ALIAS_TO_FIELD.get(bracket[1]!) === 'amount' && bracket[2] === symbol ? 'amount' : null
  const currencyFirst = /^(\S+) (.+)$/.exec(h)
  if (currencyFirst !== null && currencyFirst[1] === symbol && ALIAS_TO_FIELD.get(currencyFirst[2]!) === 'amount')
    return 'amount'
  const currencyLast = /^(.+?) (?:in )?(\S+)$/.exec(h)
  if (currencyLast !== null && currencyLast[2] === symbol && ALIAS_TO_FIELD.get(currencyLast[1]!) === 'amount')
    return 'amount'
  return null
}

/** Maps a header row. Recognised only when both an address and an amount column are found, each once. */
export function recogniseHeader(cells: readonly string[], asset: Pick<RegistryAsset, 'symbol'>): ColumnMap | null {
  const map = new Map<RegistryField, number>()
  for (let i = 0; i < cells.length; i++) {
    const field = fieldForHeader(cells[i] ?? '', asset)
    if (field === null) continue
    if (map.has(field)) {
      // Two columns claiming the same role (e.g. "recipient" and "wallet") is not ours to choose.
      if (field === 'address' || field === 'amount') return null
      continue
    }
    map.set(field, i)
  }
  return map.has('address') && map.has('amount') ? map : null
}

const ADDRESS_LIKE = /^\s*(0x)?[0-9a-fA-F]{40}\s*$/
const AMOUNT_LIKE = /^\s*[0-9][0-9.,' \u00a0]*\s*$/

/** True when a cell looks like an address: then the row is data, not a header. */
export function looksLikeAddress(text: string): boolean {
  return ADDRESS_LIKE.test(text)
}

/**
 * Disperse-style headerless file: exactly two columns, an address then an amount, on the first row.
 * That layout is a known format, not a guess; anything wider goes to the mapping step.
 */
export function recogniseHeaderless(firstRow: readonly string[]): ColumnMap | null {
  const filled = lastFilled(firstRow)
  if (filled !== 2) return null
  return looksLikeAddress(firstRow[0] ?? '') && AMOUNT_LIKE.test(firstRow[1] ?? '')
    ? new Map<RegistryField, number>([
        ['address', 0],
        ['amount', 1]
      ])
    : null
}

function lastFilled(row: readonly string[]): number {
  let n = row.length
  while (n > 0 && (row[n - 1] ?? '').trim() === '') n--
  return n
}

export type MappingResult =
  | { readonly ok: true; readonly columns: ColumnMap }
  | { readonly ok: false; readonly code: string; readonly message: string }

/** Validates the user's mapping: known fields, column letters inside the file, address and amount present. */
export function mappingFromOptions(mapping: Record<string, string>, width: number): MappingResult {
  const map = new Map<RegistryField, number>()
  const used = new Map<number, string>()
  for (const key of Object.keys(mapping)) {
    const field = (REGISTRY_FIELDS as readonly string[]).includes(key) ? (key as RegistryField) : null
    if (field === null)
      return {
        ok: false,
        code: 'mapping_unknown_field',
        message: `"${key}" is not a registry field. Map columns to: ${REGISTRY_FIELDS.join(', ')}.`
      }
    const letter = Object.prototype.hasOwnProperty.call(mapping, key) ? mapping[key] : undefined
    if (letter === undefined || letter === '') continue
    const index = columnIndex(letter)
    if (index < 0 || index >= width)
      return {
        ok: false,
        code: 'mapping_bad_column',
        message: `Column "${letter}" chosen for ${field} is not in the file (it has columns A to ${columnLetter(Math.max(width - 1, 0))}).`
      }
    const other = used.get(index)
    if (other !== undefined)
      return {
        ok: false,
        code: 'mapping_column_twice',
        message: `Column ${letter.toUpperCase()} is chosen for both ${other} and ${field}. Choose one column per field.`
      }
    used.set(index, field)
    map.set(field, index)
  }
  if (!map.has('address') || !map.has('amount'))
    return {
      ok: false,
      code: 'mapping_incomplete',
      message: 'Choose which column holds the address and which holds the amount.'
    }
  return { ok: true, columns: map }
}

/** The mapping as shown to the user: field -> column letter. */
export function mappingToLetters(columns: ColumnMap): Record<string, string> {
  const out: Record<string, string> = {}
  for (const field of REGISTRY_FIELDS) {
    const index = columns.get(field)
    if (index !== undefined) out[field] = columnLetter(index)
  }
  return out
}
