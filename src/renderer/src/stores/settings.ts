// Runs in: renderer. The app settings as last read from main; reloaded when main says they changed.
import { create } from 'zustand'
import type { InputOf, Settings } from '../../../shared/api'
import { api, type AppError, type Result } from '../api'

interface SettingsState {
  readonly settings: Settings | null
  readonly error: AppError | null
  load(): Promise<void>
  save(patch: InputOf<'updateSettings'>): Promise<Result<Settings>>
}

export const useSettings = create<SettingsState>()((set) => ({
  settings: null,
  error: null,
  async load() {
    const result = await api.getSettings({})
    if (result.ok) set({ settings: result.value, error: null })
    else set({ error: result.error })
  },
  async save(patch) {
    const result = await api.updateSettings(patch)
    if (result.ok) set({ settings: result.value, error: null })
    return result
  }
}))
