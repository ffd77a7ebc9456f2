// Runs in: renderer. The address book: labels for known payees. Labels name recipients on the
// payout page, and a new address that imitates a labelled one (same start and end, different
// middle) is flagged as a look-alike that must be checked before paying.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { AddressLabelView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../lib/format'
import '../../styles/approvals.css'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

export function AddressBookScreen() {
  const id = useId()
  const [entries, setEntries] = useState<readonly AddressLabelView[] | null>(null)
  const [error, setError] = useState<{ readonly title: string; readonly error: AppError } | null>(null)
  const [address, setAddress] = useState('')
  const [label, setLabel] = useState('')
  const [filter, setFilter] = useState('')
  const [busy, setBusy] = useState(false)
  const [editing, setEditing] = useState<{ readonly address: string; readonly label: string } | null>(null)

  const load = async (): Promise<void> => {
    const result = await api.listAddressBook({})
    if (result.ok) setEntries(result.value)
    else setError({ title: 'The address book could not be loaded', error: result.error })
  }
  useEffect(() => {
    void load()
  }, [])

  const save = async (a: string, l: string): Promise<boolean> => {
    setBusy(true)
    setError(null)
    const result = await api.setAddressLabel({ address: a, label: l })
    setBusy(false)
    if (!result.ok) {
      setError({ title: 'The label was not saved', error: result.error })
      return false
    }
    await load()
    return true
  }
  const remove = async (a: string): Promise<void> => {
    setBusy(true)
    const result = await api.removeAddressLabel({ address: a })
    setBusy(false)
    if (result.ok) setEntries(result.value)
    else setError({ title: 'The label was not removed', error: result.error })
  }

  const addressProblem =
    address.trim() !== '' && !ADDRESS.test(address.trim())
      ? 'An address is 0x followed by 40 hexadecimal characters.'
      : null
  const onAdd = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    if (addressProblem !== null || address.trim() === '' || label.trim() === '') return
    if (await save(address.trim(), label.trim())) {
      setAddress('')
      setLabel('')
    }
  }

  const needle = filter.trim().toLowerCase()
  const shown = (entries ?? []).filter(
    (e) => needle === '' || e.label.toLowerCase().includes(needle) || e.address.toLowerCase().includes(needle)
  )

  return (
    <section className="screen" aria-labelledby="book-title">
      <header className="screen__header">
        <h1 id="book-title" tabIndex={-1}>
          Address book
        </h1>
      </header>
      <p className="lead">
        Name the addresses you pay. A payout to an address that only resembles one of these is stopped until someone
        checks it.
      </p>
      {error === null ? null : <ErrorAlert error={error.error} title={error.title} focus />}
      <form className="form address-form" onSubmit={(e) => void onAdd(e)} noValidate data-testid="address-form">
        <div className="form__row--two">
          <div className="field">
            <label htmlFor={`${id}-address`}>Address</label>
            <input
              id={`${id}-address`}
              className="input input--mono"
              value={address}
              placeholder="0x…"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={addressProblem !== null}
              onChange={(e) => setAddress(e.target.value)}
              data-testid="book-address"
            />
            {addressProblem === null ? null : <p className="hint text-error">{addressProblem}</p>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-label`}>Label</label>
            <input
              id={`${id}-label`}
              className="input"
              value={label}
              maxLength={100}
              placeholder="e.g. Maria Lopez, payroll"
              onChange={(e) => setLabel(e.target.value)}
              data-testid="book-label"
            />
          </div>
        </div>
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || addressProblem !== null || address.trim() === '' || label.trim() === ''}
            data-testid="book-add"
          >
            Save label
          </button>
        </div>
      </form>
      {entries === null ? null : entries.length === 0 ? (
        <p className="muted" data-testid="book-empty">
          No labelled addresses yet.
        </p>
      ) : (
        <>
          <div className="field field--inline">
            <label htmlFor={`${id}-filter`}>Find</label>
            <input
              id={`${id}-filter`}
              className="input"
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              data-testid="book-filter"
            />
          </div>
          <div className="table-wrap">
            <table className="table" data-testid="book-table">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Address</th>
                  <th scope="col">Changed</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e) => (
                  <tr key={e.address} data-testid="book-row">
                    <td>
                      {editing?.address === e.address ? (
                        <input
                          className="input"
                          aria-label={`Label for ${e.address}`}
                          value={editing.label}
                          maxLength={100}
                          onChange={(ev) => setEditing({ address: e.address, label: ev.target.value })}
                          data-testid="book-edit-label"
                        />
                      ) : (
                        <span data-testid="book-row-label">{e.label}</span>
                      )}
                    </td>
                    <td className="mono">{e.address}</td>
                    <td className="nowrap">{formatDateTime(e.updatedAt)}</td>
                    <td className="nowrap">
                      {editing?.address === e.address ? (
                        <>
                          <button
                            type="button"
                            className="button button--small button--primary"
                            disabled={busy || editing.label.trim() === ''}
                            onClick={() =>
                              void save(e.address, editing.label.trim()).then((ok) => ok && setEditing(null))
                            }
                            data-testid="book-save-edit"
                          >
                            Save
                          </button>{' '}
                          <button type="button" className="button button--small" onClick={() => setEditing(null)}>
                            Cancel
                          </button>
                        </>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="button button--small"
                            disabled={busy}
                            onClick={() => setEditing({ address: e.address, label: e.label })}
                            data-testid="book-edit"
                          >
                            Rename
                          </button>{' '}
                          <button
                            type="button"
                            className="button button--small button--danger-outline"
                            disabled={busy}
                            onClick={() => void remove(e.address)}
                            aria-label={`Remove ${e.label}`}
                            data-testid="book-remove"
                          >
                            Remove
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
