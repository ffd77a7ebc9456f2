// Runs in: renderer. Team members in the order people look for them: by name. (A policy document
// keeps them by address, which is how it hashes, not how anyone reads a list of colleagues.)

export function byName<T extends { readonly name: string }>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }))
}
