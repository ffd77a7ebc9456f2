import { describe, expect, it } from 'vitest'
import { fieldForHeader, recogniseHeader, recogniseHeaderless } from './headers'

const usdc = { symbol: 'USDC' }

describe('header recognition', () => {
  it('recognises the aliases of each field whatever their case, spacing or underscores', () => {
    const cases: Array<[string, string]> = [
      ['Wallet_Address', 'address'],
      ['RECEIVER', 'address'],
      ['recipient', 'address'],
      ['To', 'address'],
      ['Value', 'amount'],
      ['sum', 'amount'],
      ['Amount (USDC)', 'amount'],
      ['Full Name', 'name'],
      ['recipient name', 'name'],
      ['External-ID', 'reference'],
      ['id', 'reference'],
      ['Ref', 'reference'],
      ['Memo', 'note'],
      ['Description', 'note'],
      ['comment', 'note'],
      ['token_type', 'token_type'],
      ['token_address', 'token_address'],
      ['Currency', 'currency'],
      ['Symbol', 'currency'],
      ['chain_id', 'chain_id']
    ]
    for (const [header, field] of cases) expect([header, fieldForHeader(header, usdc)]).toEqual([header, field])
  })

  it('recognises the column names of HR, affiliate and gaming exports', () => {
    const map = recogniseHeader(['Employee', 'Employee ID', 'Recipient Wallet', 'Net Pay'], usdc)
    expect(Object.fromEntries(map!)).toEqual({ name: 0, reference: 1, address: 2, amount: 3 })
    expect(Object.fromEntries(recogniseHeader(['Player', 'Player ID', 'BEP20 address', 'Reward'], usdc)!)).toEqual({
      name: 0,
      reference: 1,
      address: 2,
      amount: 3
    })
    // Two candidate amounts (salary and bonus) are the user's choice, never ours.
    expect(recogniseHeader(['Wallet', 'Salary', 'Bonus'], usdc)).toBeNull()
  })

  it('recognises the same columns in the languages of European payroll exports', () => {
    const fields = (headers: string[]) => Object.fromEntries(recogniseHeader(headers, usdc) ?? [])
    expect(fields(['Name', 'Adresse', 'Betrag', 'Verwendungszweck'])).toEqual({
      name: 0,
      address: 1,
      amount: 2,
      reference: 3
    })
    expect(fields(['Nom', 'Adresse du portefeuille', 'Montant', 'Référence', 'Commentaire'])).toEqual({
      name: 0,
      address: 1,
      amount: 2,
      reference: 3,
      note: 4
    })
    expect(fields(['Nombre', 'Dirección', 'Importe'])).toEqual({ name: 0, address: 1, amount: 2 })
    expect(fields(['Nome', 'Endereço', 'Quantia'])).toEqual({ name: 0, address: 1, amount: 2 })
    expect(fields(['Naam', 'Adres', 'Bedrag', 'Kenmerk'])).toEqual({ name: 0, address: 1, amount: 2, reference: 3 })
    // An accent written as a letter and a combining mark is the same header.
    expect(fields(['Nom', 'Adresse', 'Montant', 'Re\u0301fe\u0301rence'])).toMatchObject({ reference: 3 })
    // An amount in another currency is still not the payout's, in any language.
    expect(fieldForHeader('Betrag (EUR)', usdc)).toBeNull()
  })

  it('does not take an amount in another currency for the payout amount', () => {
    expect(fieldForHeader('Amount (EUR)', usdc)).toBeNull()
    expect(recogniseHeader(['address', 'Amount (EUR)'], usdc)).toBeNull()
    for (const header of ['EUR Amount', 'Amount EUR', 'Amount in EUR', 'USD Net Pay', 'USDC Name'])
      expect([header, fieldForHeader(header, usdc)]).toEqual([header, null])
  })

  it('takes an amount header that names the payout currency before or after it', () => {
    for (const header of [
      'USDC Amount',
      'usdc_amount',
      'Amount USDC',
      'Amount in USDC',
      'USDC Net Pay',
      'Payout (USDC)'
    ])
      expect([header, fieldForHeader(header, usdc)]).toEqual([header, 'amount'])
    expect(Object.fromEntries(recogniseHeader(['Wallet Address', 'USDC Amount', 'Employee'], usdc)!)).toEqual({
      address: 0,
      amount: 1,
      name: 2
    })
  })

  it('refuses to choose between two address or two amount columns', () => {
    expect(recogniseHeader(['recipient', 'wallet', 'amount'], usdc)).toBeNull()
    expect(recogniseHeader(['address', 'amount', 'value'], usdc)).toBeNull()
  })

  it('maps Safe airdrop columns by name, whatever their order', () => {
    expect(
      Object.fromEntries(recogniseHeader(['token_type', 'token_address', 'receiver', 'amount', 'id'], usdc)!)
    ).toEqual({ token_type: 0, token_address: 1, address: 2, amount: 3, reference: 4 })
  })

  it('reads a headerless first row only as exactly address then amount', () => {
    const address = `0x${'ab'.repeat(20)}`
    expect(Object.fromEntries(recogniseHeaderless([address, '1.5'])!)).toEqual({ address: 0, amount: 1 })
    expect(recogniseHeaderless([address, '1.5', 'Anna'])).toBeNull()
    expect(recogniseHeaderless(['Anna', address])).toBeNull()
  })
})
