// Runs in: Vitest (node). docs/openapi.json is what the code generates: a change to the contract
// or the REST API's routes that is not followed by `npm run openapi` fails here.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OPENAPI_FILE, openApiText } from './openapi'

describe('docs/openapi.json', () => {
  it('is up to date with the contract (run `npm run openapi` after changing it)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText())
  })

  it("describes each recipient of a creation with the contract's fields and bounds", () => {
    const doc = JSON.parse(openApiText())
    const create = doc.paths['/v1/payouts'].post
    const recipients = create.requestBody.content['application/json'].schema.properties.recipients
    expect(recipients).toMatchObject({ type: 'array', maxItems: 1_000_000 })
    expect(recipients.items.required).toEqual(['address', 'amount'])
    expect(create.parameters.map((p: { name: string }) => p.name)).toEqual(['amountUnit', 'Idempotency-Key'])
    expect(doc.paths['/v1/payouts/{id}'].get['x-scope']).toBe('payouts:read')
  })
})
