// Runs in: renderer. Adding a member to a policy draft: their name, and their Ledger address read
// from their own device (the address is shown on the Ledger's screen for them to confirm; their
// signature on the proposal later proves it is theirs) or typed when they are not at this desk.
import { useId, useState, type FormEvent } from 'react'
import { api, type AppError } from '../../../api'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { DEFAULT_ACCOUNT_PATH, pathProblem } from '../../../lib/approvals/accountPath'
import { AccountPathField } from '../AccountPathField'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

interface Props {
  readonly disabled: boolean
  readonly onAdd: (member: { readonly name: string; readonly address: string; readonly approver: boolean }) => void
}

export function AddMemberForm({ disabled, onAdd }: Props) {
  const id = useId()
  const [name, setName] = useState('')
  const [path, setPath] = useState(DEFAULT_ACCOUNT_PATH)
  const [address, setAddress] = useState('')
  const [fromDevice, setFromDevice] = useState<string | null>(null)
  const [approver, setApprover] = useState(false)
  const [reading, setReading] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const problem =
    name.trim() === ''
      ? 'Enter the member’s name.'
      : !ADDRESS.test(address.trim())
        ? 'Read the address from their Ledger, or type it (0x and 40 hexadecimal characters).'
        : null

  const read = async (): Promise<void> => {
    setReading(true)
    setError(null)
    const result = await api.verifyAccount({ path: path.trim() })
    setReading(false)
    if (!result.ok) return setError(result.error)
    setAddress(result.value.address)
    setFromDevice(result.value.address)
  }

  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault()
    if (problem !== null) return
    onAdd({ name: name.trim(), address: address.trim(), approver })
    setName('')
    setAddress('')
    setFromDevice(null)
    setApprover(false)
  }

  return (
    <form className="add-member" onSubmit={submit} noValidate data-testid="add-member-form">
      <h4 className="digest-block__title">Add a member</h4>
      <div className="form__row--two">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={100}
            disabled={disabled}
            onChange={(e) => setName(e.target.value)}
            data-testid="member-name-input"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-address`}>Ledger address</label>
          <input
            id={`${id}-address`}
            className="input input--mono"
            value={address}
            spellCheck={false}
            placeholder="0x…"
            disabled={disabled}
            onChange={(e) => {
              setAddress(e.target.value)
              setFromDevice(null)
            }}
            data-testid="member-address-input"
          />
          <p className="hint" data-testid="member-address-source">
            {fromDevice !== null && fromDevice === address
              ? 'Read from the Ledger: the member confirmed this address on their device.'
              : 'Typed addresses are proved later: the new member signs the proposal with this address.'}
          </p>
        </div>
      </div>
      <div className="add-member__device">
        <AccountPathField
          label="Their account on the Ledger connected now"
          value={path}
          onChange={setPath}
          disabled={disabled || reading}
          testId="member-path"
        />
        <button
          type="button"
          className="button"
          disabled={disabled || reading || pathProblem(path) !== null}
          onClick={() => void read()}
          data-testid="member-read-address"
        >
          {reading ? 'Confirm on the Ledger…' : 'Read address on Ledger'}
        </button>
      </div>
      {reading ? (
        <p className="notice" role="status">
          The Ledger shows the address of this account. The member checks it on their device and confirms.
        </p>
      ) : null}
      {error === null ? null : <ErrorAlert error={error} title="The address was not read" />}
      <div className="field field--check">
        <input
          id={`${id}-approver`}
          type="checkbox"
          checked={approver}
          disabled={disabled}
          onChange={(e) => setApprover(e.target.checked)}
          data-testid="member-approver-input"
        />
        <label htmlFor={`${id}-approver`}>Approver: may approve other people’s payouts</label>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={disabled || problem !== null} data-testid="add-member">
          Add member
        </button>
        {problem === null || (name === '' && address === '') ? null : <span className="hint">{problem}</span>}
      </div>
    </form>
  )
}
