// Runs in: renderer. The app settings as last read from main; reloaded when main says they changed.
// The desk's number format starts as this computer's locale's: saved on first start, so typed
// amounts keep one meaning until someone changes it in Settings.
import { create } from 'zustand'
import type { InputOf, Settings } from '../../../shared/api'
import type { NumberFormat } from '../../../shared/numberFormat'
import { api, type AppError, type Result } from '../api'
import { detectNumberFormat } from '../lib/numberFormat'

interface SettingsState {
  readonly settings: Settings | null
  readonly error: AppError | null
  load(): Promise<void>
  save(patch: InputOf<'updateSettings'>): Promise<Result<Settings>>
}

let adopting = false

export const useSettings = create<SettingsState>()((set, get) => ({
  settings: null,
  error: null,
  async load() {
    const result = await api.getSettings({})
    if (!result.ok) {
      set({ error: result.error })
      return
    }
    set({ settings: result.value, error: null })
    if (result.value.numberFormat === null && !adopting) {
      adopting = true // once per window: another load while this save runs must not save again
      await get().save({ numberFormat: detectNumberFormat() })
    }
  },
  async save(patch) {
    const result = await api.updateSettings(patch)
    if (result.ok) set({ settings: result.value, error: null })
    return result
  }
}))

/** The desk's number format: the saved one, or this computer's until settings have been read. */
export function useDeskNumberFormat(): NumberFormat {
  const saved = useSettings((s) => s.settings?.numberFormat ?? null)
  return saved ?? localeNumberFormat()
}

let detected: NumberFormat | null = null
function localeNumberFormat(): NumberFormat {
  detected ??= detectNumberFormat()
  return detected
}
