// Runs in: renderer. The policy between desks: export the team's policy (every version, its
// signatures, the open proposal) for co-signing elsewhere, and import one back. A desk with no
// policy yet asks "Is this your team?" with the members the file names before adopting it.
import { useState } from 'react'
import type { PolicyMemberView } from '../../../../../shared/approvals'
import { api, type AppError } from '../../../api'
import { JsonFileButton } from '../../../components/JsonFileButton'
import { Address } from '../../../components/Address'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { adoptionMembers } from '../../../lib/approvals/errorDetails'
import { byName } from '../../../lib/approvals/members'
import { usePolicy } from '../../../stores/policy'
import { chosenFileBase64, saveFile } from '../fileActions'

export function PolicyFiles({ canExport }: { readonly canExport: boolean }) {
  const run = usePolicy((s) => s.run)
  const [busy, setBusy] = useState<'export' | 'import' | null>(null)
  const [error, setError] = useState<{ readonly title: string; readonly error: AppError } | null>(null)
  const [adopt, setAdopt] = useState<{ readonly content: string; readonly members: PolicyMemberView[] } | null>(null)
  const [notice, setNotice] = useState('')

  const exportFile = async (): Promise<void> => {
    setBusy('export')
    setError(null)
    const problem = saveFile(await api.exportPolicy({}))
    setBusy(null)
    if (problem !== null) setError({ title: 'The policy file was not exported', error: problem })
    else setNotice('Policy file saved. Take it to the desk of whoever must sign, then import the file they send back.')
  }

  const importContent = async (content: string, adoptTeam: boolean): Promise<void> => {
    setBusy('import')
    setError(null)
    setNotice('')
    const result = await run(() => api.importPolicy({ contentBase64: content, adoptTeam }))
    setBusy(null)
    if (result.ok) {
      setAdopt(null)
      setNotice('Policy file imported: every signature in it was checked.')
      return
    }
    const members = adoptionMembers(result.error)
    if (members !== null && !adoptTeam) setAdopt({ content, members })
    else setError({ title: 'The policy file was not imported', error: result.error })
  }

  const onFile = async (input: HTMLInputElement): Promise<void> => {
    const file = await chosenFileBase64(input)
    if (file === null) return
    if (!file.ok) return setError({ title: 'The policy file was not read', error: file.error })
    await importContent(file.value, false)
  }

  return (
    <div className="policy-files" data-testid="policy-files">
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy !== null || !canExport}
          onClick={() => void exportFile()}
          data-testid="export-policy"
        >
          {busy === 'export' ? 'Exporting…' : 'Export for co-signing'}
        </button>
        <JsonFileButton
          label="Import policy file…"
          importing={busy === 'import'}
          disabled={busy !== null}
          variant="normal"
          onFile={(input) => void onFile(input)}
          testId="import-policy-input"
        />
      </div>
      {adopt === null ? null : (
        <div
          className="notice callout--warning"
          role="alertdialog"
          aria-labelledby="adopt-title"
          data-testid="adopt-team"
        >
          <p className="notice__title" id="adopt-title">
            Is this your team?
          </p>
          <p>This desk has no team policy yet. The file sets one up with these members:</p>
          <ul>
            {byName(adopt.members).map((m) => (
              <li key={m.address} data-testid="adopt-member">
                <strong>{m.name}</strong> <Address value={m.address} full /> {m.approver ? '(approver)' : ''}
              </li>
            ))}
          </ul>
          <p>
            Adopt it only if these are your colleagues and their addresses. Their signatures are checked either way.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== null}
              onClick={() => void importContent(adopt.content, true)}
              data-testid="adopt-confirm"
            >
              Yes, this is my team
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={() => setAdopt(null)}>
              No, do not import
            </button>
          </div>
        </div>
      )}
      <p className="form__status" role="status" data-testid="policy-files-status">
        {notice}
      </p>
      {error === null ? null : <ErrorAlert error={error.error} title={error.title} focus />}
    </div>
  )
}
