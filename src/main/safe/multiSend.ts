// Runs in: main (plain Node). MultiSendCallOnly's packed encoding: each call is operation (1 byte,
// always 0 here), to (20 bytes), value (32), data length (32), data. Encoding and the strict
// decoding used to read a Safe transaction back before anyone signs or executes it.
import { getAddress, hexlify, toBeHex, zeroPadValue } from 'ethers'
import { OPERATION, multiSendInterface } from './abi'
import { SAFE_ERROR, safeFailure } from './errors'

export interface SafeCall {
  readonly to: string
  readonly value: bigint
  readonly data: string
}

const OPERATION_BYTES = 1
const ADDRESS_BYTES = 20
const WORD_BYTES = 32
const HEADER_BYTES = OPERATION_BYTES + ADDRESS_BYTES + WORD_BYTES + WORD_BYTES

export function packCalls(calls: readonly SafeCall[]): string {
  return (
    '0x' +
    calls
      .map((c) => {
        const data = c.data.replace(/^0x/, '')
        return (
          '00' +
          getAddress(c.to).slice(2).toLowerCase() +
          zeroPadValue(toBeHex(c.value), WORD_BYTES).slice(2) +
          zeroPadValue(toBeHex(data.length / 2), WORD_BYTES).slice(2) +
          data.toLowerCase()
        )
      })
      .join('')
  )
}

export function multiSendData(calls: readonly SafeCall[]): string {
  return multiSendInterface.encodeFunctionData('multiSend', [packCalls(calls)]).toLowerCase()
}

function malformed(reason: string): Error {
  return safeFailure(SAFE_ERROR.undecodable, `The MultiSend batch in this Safe transaction is malformed: ${reason}.`)
}

/** Decodes multiSend(bytes) calldata; any operation other than a plain call is refused. */
export function unpackMultiSend(data: string): SafeCall[] {
  let packed: string
  try {
    ;[packed] = multiSendInterface.decodeFunctionData('multiSend', data) as unknown as [string]
  } catch {
    throw malformed('it is not a multiSend call')
  }
  const bytes = Buffer.from(packed.slice(2), 'hex')
  const calls: SafeCall[] = []
  let at = 0
  while (at < bytes.length) {
    if (bytes.length - at < HEADER_BYTES) throw malformed(`call ${calls.length + 1} is cut short`)
    const operation = bytes[at]
    if (operation !== OPERATION.call) throw malformed(`call ${calls.length + 1} is a delegatecall`)
    const to = getAddress(hexlify(bytes.subarray(at + 1, at + 21)))
    const value = BigInt(hexlify(bytes.subarray(at + 21, at + 53)))
    const length = BigInt(hexlify(bytes.subarray(at + 53, at + 85)))
    const start = at + HEADER_BYTES
    if (length > BigInt(bytes.length - start))
      throw malformed(`call ${calls.length + 1} claims more data than there is`)
    const end = start + Number(length)
    calls.push({ to, value, data: hexlify(bytes.subarray(start, end)) })
    at = end
  }
  return calls
}
