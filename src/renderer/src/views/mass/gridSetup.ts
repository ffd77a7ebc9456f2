// Runs in: renderer. AG Grid (community) set up once for the page: the modules it may use and the
// theme matched to the app's colours. Registering twice is harmless but wasteful, so it lives here.
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community'

let registered = false
export function registerGridModules(): void {
  if (registered) return
  ModuleRegistry.registerModules([AllCommunityModule])
  registered = true
}

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1f4fd1',
  borderColor: '#dce0e6',
  headerBackgroundColor: '#f5f6f8',
  rowHeight: 32,
  headerHeight: 36,
  wrapperBorderRadius: 6
})
