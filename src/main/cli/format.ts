// Runs in: main (plain Node). What the command line prints for a person (without --json): aligned
// columns, amounts with their currency, statuses as the app labels them.
import type { Asset, Network, PayoutDetail, PayoutPage, PayoutSummary } from '../../shared/api'
import type { AuditVerificationView } from '../../shared/approvals'
import { payoutSourceLabel } from '../../shared/automation'
import { itemStatusLabel, payoutKindLabel, payoutStatusLabel } from '../../shared/statuses'
import { formatAmountGrouped } from '../domain/money'

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

const money = (baseUnits: string | null, decimals: number, symbol: string): string =>
  baseUnits === null ? '—' : `${formatAmountGrouped(BigInt(baseUnits), decimals)} ${symbol}`

export function source(p: PayoutSummary): string {
  return p.source.kind === 'app' ? payoutSourceLabel(p.source) : `${payoutSourceLabel(p.source)}: ${p.source.name}`
}

export const networks = (list: readonly Network[]): string =>
  table(
    ['CHAIN', 'NETWORK', 'COIN', 'KIND'],
    list.map((n) => [
      String(n.chainId),
      n.name,
      n.nativeSymbol,
      n.development ? 'development' : n.testnet ? 'testnet' : 'mainnet'
    ])
  )

export const assets = (list: readonly Asset[]): string =>
  table(
    ['ASSET ID', 'SYMBOL', 'DECIMALS', 'NAME'],
    list.map((a) => [a.id, a.symbol, String(a.decimals), a.name])
  )

export function payoutList(page: PayoutPage): string {
  if (page.items.length === 0) return 'No payouts.'
  const rows = page.items.map((p) => [
    p.id,
    payoutStatusLabel(p.status),
    payoutKindLabel(p.kind),
    money(p.totalBaseUnits, p.decimals, p.assetSymbol),
    String(p.recipientCount),
    source(p),
    p.description
  ])
  const shown = `${page.items.length} of ${page.total}`
  return `${table(['ID', 'STATUS', 'KIND', 'TOTAL', 'ROWS', 'SOURCE', 'PURPOSE'], rows)}\n(${shown})`
}

export function payout(p: PayoutDetail): string {
  const head = [
    `${p.id}  ${payoutStatusLabel(p.status)}  ${payoutKindLabel(p.kind)} payout`,
    `Purpose:  ${p.description}`,
    `Total:    ${money(p.totalBaseUnits, p.decimals, p.assetSymbol)} on ${p.networkName}, ${p.recipientCount} recipient(s)`,
    `Created:  ${p.createdAt} by ${p.createdBy} (${source(p)}${p.source.externalId === null ? '' : `, external id ${p.source.externalId}`})`,
    ...(p.errorCount > 0 ? [`Errors:   ${p.errorCount} row(s) must be fixed before it can be submitted`] : [])
  ]
  const rows = p.items.map((i) => [
    String(i.row),
    i.address,
    i.amountBaseUnits === null ? i.amount : money(i.amountBaseUnits, p.decimals, p.assetSymbol),
    itemStatusLabel(i.status),
    i.reference,
    i.issues.map((x) => x.message).join(' ')
  ])
  const more =
    p.recipientCount > p.items.length ? `\n(${p.items.length} of ${p.recipientCount} rows; --rows to show more)` : ''
  return `${head.join('\n')}\n\n${table(['ROW', 'ADDRESS', 'AMOUNT', 'STATUS', 'REFERENCE', 'ISSUES'], rows)}${more}`
}

export function audit(result: AuditVerificationView): string {
  const lines: string[] = []
  lines.push(
    result.chain.ok
      ? `The audit log is intact: ${result.entries} entries.`
      : `The audit log is broken at entry ${result.chain.firstBrokenId}: ${result.chain.reason}.`
  )
  for (const m of result.anchors.mismatches)
    lines.push(
      `${m.statement} signed by ${m.signerName ?? m.signer} no longer matches entry ${m.anchorId}: ${m.reason}.`
    )
  const { payments } = result
  lines.push(
    payments.differing === 0
      ? `Paid rows: ${payments.checked} checked against the transactions that paid them, all match.`
      : `Paid rows: ${payments.differing} of ${payments.checked} do not show what was paid (the transaction's signed bytes and the network hold what was paid):`
  )
  for (const m of payments.mismatches)
    lines.push(`  ${m.payoutId} row ${m.row}${m.txHash === null ? '' : `, marked paid by ${m.txHash}`}: ${m.reason}.`)
  const unnamed = payments.differing - payments.mismatches.length
  if (unnamed > 0) lines.push(`  and ${unnamed} other rows.`)
  return lines.join('\n')
}
