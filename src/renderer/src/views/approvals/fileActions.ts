// Runs in: renderer. Saving and choosing approval files: a download through lib/download, and a
// chosen file read to base64 by lib/approvals/fileReading, reported as a Result like every call.
import type { FileContent } from '../../../../shared/api'
import type { AppError, Result } from '../../api'
import { readApprovalFile } from '../../lib/approvals/fileReading'
import { downloadFile } from '../../lib/download'

export function saveFile(result: Result<FileContent>): AppError | null {
  if (!result.ok) return result.error
  downloadFile(result.value)
  return null
}

/** Reads the first file chosen in an <input type=file>, then clears the input so the same file can be chosen again. */
export async function chosenFileBase64(input: HTMLInputElement): Promise<Result<string> | null> {
  const file = input.files?.[0]
  input.value = ''
  if (file === undefined) return null
  const read = await readApprovalFile(file)
  return read.ok ? { ok: true, value: read.contentBase64 } : { ok: false, error: read.error }
}
