// Runs in: renderer. Saves a file main produced (export, template) through the browser's download:
// a Blob, an object URL and a temporary <a download>, released right after.
import type { FileContent } from '../../../shared/api'
import { base64ToBytes } from './mass/base64'

const TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}

export function downloadFile(file: FileContent): void {
  const ext = file.fileName.split('.').pop()?.toLowerCase() ?? ''
  const blob = new Blob([base64ToBytes(file.contentBase64)], { type: TYPES[ext] ?? 'application/octet-stream' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  // Revoked on the next turn: the click has handed the blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
