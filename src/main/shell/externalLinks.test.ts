import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from './externalLinks'

const TX = `0x${'ab'.repeat(32)}`
describe('external links', () => {
  it('opens transaction and address pages of known block explorers', () => {
    expect(isAllowedExternalUrl(`https://etherscan.io/tx/${TX}`)).toBe(true)
    expect(isAllowedExternalUrl('https://basescan.org/address/0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe(true)
  })
  it('refuses everything else', () => {
    expect(isAllowedExternalUrl(`http://etherscan.io/tx/${TX}`)).toBe(false)
    expect(isAllowedExternalUrl(`https://etherscan.io.evil.com/tx/${TX}`)).toBe(false)
    expect(isAllowedExternalUrl(`https://user@etherscan.io/tx/${TX}`)).toBe(false)
    expect(isAllowedExternalUrl('https://etherscan.io/login')).toBe(false)
    expect(isAllowedExternalUrl(`https://etherscan.io/tx/${TX}?redirect=https://evil.com`)).toBe(false)
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false)
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false)
    expect(isAllowedExternalUrl('smb://host/share')).toBe(false)
  })
})
