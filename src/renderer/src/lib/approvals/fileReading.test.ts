import { describe, expect, it } from 'vitest'
import { MAX_APPROVAL_FILE_BYTES, readApprovalFile, type NamedBlob } from './fileReading'

function fileOf(name: string, text: string): NamedBlob {
  const bytes = new TextEncoder().encode(text)
  return { name, size: bytes.length, arrayBuffer: () => Promise.resolve(bytes.slice().buffer) }
}

describe('reading an approval file', () => {
  it('returns the bytes as base64 with the file name', async () => {
    const result = await readApprovalFile(fileOf('p1-approval.json', '{"a":"é"}'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.fileName).toBe('p1-approval.json')
    expect(new TextDecoder().decode(Uint8Array.from(atob(result.contentBase64), (c) => c.charCodeAt(0)))).toBe(
      '{"a":"é"}'
    )
  })

  it('refuses an empty file with a code', async () => {
    const result = await readApprovalFile(fileOf('empty.json', ''))
    expect(result.ok ? null : result.error.code).toBe('file_empty')
  })

  it('refuses a file larger than any approval file before reading it', async () => {
    let read = false
    const huge: NamedBlob = {
      name: 'big.json',
      size: MAX_APPROVAL_FILE_BYTES + 1,
      arrayBuffer: () => {
        read = true
        return Promise.resolve(new ArrayBuffer(0))
      }
    }
    const result = await readApprovalFile(huge)
    expect(result.ok ? null : result.error.code).toBe('file_too_large')
    expect(read).toBe(false)
  })

  it('reports a file that cannot be read as a value, not an exception', async () => {
    const broken: NamedBlob = {
      name: 'gone.json',
      size: 10,
      arrayBuffer: () => Promise.reject(new Error('file moved'))
    }
    const result = await readApprovalFile(broken)
    expect(result.ok ? null : result.error.code).toBe('file_unreadable')
    expect(result.ok ? '' : result.error.message).toContain('file moved')
  })
})
