// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The import's options show how each amount written with separators was
// read: the text as in the file and the plain number it became, each once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mountPoint, type Mounted } from '../../testing/mount'
import { preview } from '../../testing/registryPreview'
import { ImportOptions } from './ImportOptions'

let mounted: Mounted
beforeEach(() => {
  mounted = mountPoint()
})
afterEach(() => mounted.unmount())

const ignore = (): void => undefined

describe('how amounts were read', () => {
  it('names each row, its text and the number it was read as', async () => {
    const readings = [
      { sourceRow: 3, text: '1,250.00', readAs: '1250' },
      { sourceRow: 7, text: '12,5', readAs: '12.5' }
    ]
    await mounted.render(
      <ImportOptions
        preview={preview({ amountReadings: readings })}
        options={{}}
        step="review"
        showDecimal={false}
        onEncoding={ignore}
        onDelimiter={ignore}
        onSheet={ignore}
        onDecimal={ignore}
        onHasHeader={ignore}
        onMap={ignore}
      />
    )
    const lines = [...mounted.container.querySelectorAll('[data-testid="import-readings"] li')].map(
      (li) => li.textContent
    )
    expect(lines).toEqual(['Row 3: 1,250.00 read as 1250', 'Row 7: 12,5 read as 12.5'])
  })
})
