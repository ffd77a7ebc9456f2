// Runs in: Playwright test runner. A file a click downloads, held in memory in the shape
// setInputFiles takes: the file outlives the page (and app) that produced it, and can be chosen in
// another desk's file input.
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'

export interface DownloadedFile {
  readonly name: string
  readonly mimeType: string
  readonly buffer: Buffer
}

export async function downloadOf(page: Page, click: () => Promise<void>): Promise<DownloadedFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const path = await download.path()
  if (path === null) throw new Error('The download was not saved')
  return { name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(path) }
}
