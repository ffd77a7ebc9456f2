// Runs in: renderer. Approval files chosen with <input type=file>: read as base64 for main (the
// contract carries file content as base64), refused early when clearly too large or empty.
import { bytesToBase64 } from '../mass/base64'
import type { ErrorCode } from '../../../../shared/errors'

/** Main refuses approval files over 16 MB of base64; a real one is a few kilobytes. */
export const MAX_APPROVAL_FILE_BYTES = 12 * 1024 * 1024

export type FileReadResult =
  | { readonly ok: true; readonly fileName: string; readonly contentBase64: string }
  | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } }

/** What readApprovalFile needs of a File: its name, size and bytes (a Blob with a name). */
export interface NamedBlob {
  readonly name: string
  readonly size: number
  arrayBuffer(): Promise<ArrayBuffer>
}

export async function readApprovalFile(file: NamedBlob): Promise<FileReadResult> {
  if (file.size === 0)
    return {
      ok: false,
      error: { code: 'file_empty', message: `${file.name} is empty. Choose the file exported by the other desktop.` }
    }
  if (file.size > MAX_APPROVAL_FILE_BYTES) {
    return {
      ok: false,
      error: {
        code: 'file_too_large',
        message: `${file.name} is too large to be an approval file. Choose the .json file exported for approval.`
      }
    }
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer())
    return { ok: true, fileName: file.name, contentBase64: bytesToBase64(bytes) }
  } catch (e) {
    return {
      ok: false,
      error: {
        code: 'file_unreadable',
        message: `${file.name} could not be read (${e instanceof Error ? e.message : String(e)}). Copy it to this computer and try again.`
      }
    }
  }
}
