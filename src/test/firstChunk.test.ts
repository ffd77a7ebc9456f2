// Runs in: Vitest (Node), over the renderer's sources. The app's first chunk (everything main.tsx
// reaches by static imports) is what the window parses before the payouts list shows. The grid and
// the contract's schemas belong to the editor's own chunk, loaded when a draft opens; one stray
// value import would pull them into every start.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const RENDERER = resolve(ROOT, 'src/renderer/src')
const ENTRY = resolve(RENDERER, 'main.tsx')
/** Packages only the editor's chunk may load. */
const EDITOR_ONLY_PACKAGES = [/^ag-grid-/, /^zod$/]
const SOURCE_EXTENSIONS = ['.ts', '.tsx']

/** The module specifiers a file imports or re-exports for their values (type-only ones are erased by the build). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const found: string[] = []
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)))
      if (!typeOnly) found.push((statement.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined && !statement.isTypeOnly) {
      found.push((statement.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return found
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [
    base,
    ...SOURCE_EXTENSIONS.map((e) => base + e),
    ...SOURCE_EXTENSIONS.map((e) => join(base, `index${e}`))
  ])
    if (SOURCE_EXTENSIONS.some((e) => candidate.endsWith(e)) && existsSync(candidate)) return candidate
  return undefined
}

/** Every package imported from the first chunk, with the module that imports it. */
function firstChunkPackages(): Map<string, string> {
  const packages = new Map<string, string>()
  const seen = new Set<string>()
  const queue = [ENTRY]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const specifier of valueImports(file)) {
      if (!specifier.startsWith('.')) {
        if (!packages.has(specifier)) packages.set(specifier, file)
        continue
      }
      const next = resolveRelative(file, specifier)
      if (next !== undefined) queue.push(next)
    }
  }
  return packages
}

describe("the app's first chunk", () => {
  it('reaches React and the app shell, but neither the grid nor the contract schemas', () => {
    const packages = firstChunkPackages()
    expect(packages.has('react')).toBe(true)
    const strays = [...packages].filter(([name]) => EDITOR_ONLY_PACKAGES.some((p) => p.test(name)))
    expect(strays.map(([name, by]) => `${name} (imported by ${relative(ROOT, by)})`)).toEqual([])
  })

  it('sees a value import as such and leaves type-only imports out', () => {
    const file = resolve(RENDERER, 'views/mass/draftController.ts')
    const imports = valueImports(file)
    // draftController reads MAX_PATCH_ROWS from the contract: a value import, so it stays out of the first chunk.
    expect(imports).toContain('../../../../shared/api')
    expect(valueImports(resolve(RENDERER, 'views/mass/ImportPanel.tsx'))).not.toContain('../../../../shared/api')
  })
})
