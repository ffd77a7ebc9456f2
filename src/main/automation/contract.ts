// Runs in: main (plain Node). Automation calls the contract the way the window does: through
// dispatch, so every input is checked by the contract's schema and every failure has its code.
// Here a failure is thrown again as the AppFailure it was, for the caller to answer or file.
import type { MethodName, Outputs, TreasuryApi } from '../../shared/api'
import { AppFailure } from '../../shared/errors'
import { dispatch } from '../dispatch'

export async function callContract<M extends MethodName>(
  api: TreasuryApi,
  method: M,
  input: unknown,
  log: (e: unknown) => void = console.error
): Promise<Outputs[M]> {
  const result = await dispatch(api, method, input, log)
  if (!result.ok) throw new AppFailure(result.error.code, result.error.message, result.error.details)
  return result.value as Outputs[M]
}
