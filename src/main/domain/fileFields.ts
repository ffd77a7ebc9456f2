// Runs in: main (pure, no I/O). The fields every file desks exchange is read with (policy files,
// approval files, Safe transaction and signature files): an address as 0x and 40 hex digits in any
// case, refused when its mixed case breaks the checksum, and read as its EIP-55 form; a 32-byte hash,
// read lower-case.
import { getAddress } from 'ethers'
import { z } from 'zod'

const isAddress = (a: string): boolean => {
  try {
    getAddress(a)
    return true
  } catch {
    return false
  }
}

export const AddressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'not an address')
  .refine(isAddress, 'bad address checksum')
  .transform((a) => getAddress(a))

export const HashSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'not a 32-byte hash')
  .transform((h) => h.toLowerCase())
