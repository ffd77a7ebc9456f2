// Runs in: plain Node through tsx (`npm run openapi`). Writes the REST API's OpenAPI document,
// generated from the contract, to docs/openapi.json; scripts/openapi.test.ts fails when the
// committed file differs from what the code generates.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openApiDocument } from '../src/main/automation/openapi/document'

export const OPENAPI_FILE = join(import.meta.dirname, '..', 'docs', 'openapi.json')

export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`
}

// Run as a script (not imported by the test): write the file.
if (process.argv[1]?.endsWith('openapi.ts') === true) {
  writeFileSync(OPENAPI_FILE, openApiText())
  console.log(`Wrote ${OPENAPI_FILE}`)
}
