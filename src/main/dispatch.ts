// Runs in: main (plain Node). The one door into the Treasury from a less trusted caller (the
// renderer over IPC, the browser harness over loopback): validate the input against the contract's
// schema, call, and turn every outcome into a Result. A thrown error never crosses raw: an
// AppFailure keeps its code and message, anything else is an internal error (logged, not shown).
import { ZodError } from 'zod'
import { APP_CODE_PARAM, METHOD_NAMES, schemas, type MethodName, type Outputs, type TreasuryApi } from '../shared/api'
import { AppFailure } from '../shared/errors'
import { isTextErrorCode } from '../shared/text'
import { err, ok, type Result } from '../shared/result'

export function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name)
}

export async function dispatch(
  api: TreasuryApi,
  method: string,
  rawInput: unknown,
  log: (e: unknown) => void = console.error
): Promise<Result<Outputs[MethodName]>> {
  if (!isMethodName(method)) return err('unknown_method', `"${method.slice(0, 64)}" is not something Treasury can do.`)
  try {
    const input = schemas[method].parse(rawInput ?? {})
    // Each method's parsed input matches its own signature; the map is indexed by the same name.
    const call = api[method] as (input: unknown) => Promise<Outputs[MethodName]>
    return ok(await call(input))
  } catch (e) {
    return toErrorResult(e, log)
  }
}

export function toErrorResult(e: unknown, log: (e: unknown) => void): Result<never> {
  if (e instanceof AppFailure) return err(e.code, e.message, e.details)
  if (e instanceof ZodError) {
    const issues = e.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
    // A rule with its own code (a refused character in a name) answers with it and its own message.
    for (const i of e.issues) {
      const code: unknown = i.code === 'custom' ? i.params?.[APP_CODE_PARAM] : undefined
      if (isTextErrorCode(code)) return err(code, i.message, issues)
    }
    return err(
      'invalid_input',
      `The request was malformed: ${issues.map((i) => `${i.path || 'input'} ${i.message}`).join('; ')}`,
      issues
    )
  }
  log(e)
  return err(
    'internal_error',
    'Something went wrong inside Treasury. Nothing was changed by this request; try again, and report it if it repeats.'
  )
}
