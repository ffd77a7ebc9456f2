// Types of scripts/nodeVersion.mjs, for the TypeScript test beside it.
export declare const APP_NODE: readonly [number, number]
export declare const TOOLS_NODE: readonly [number, number]
export declare function atLeast(version: string, minimum: readonly [number, number]): boolean
export declare function appNodeProblem(version: string): string | null
