// Runs in: renderer. Approving on another desk: export the approval request of a pending payout,
// and import the approval file the approver sends back (its signature is checked by main).
import { useState } from 'react'
import type { ApprovalReviewView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { JsonFileButton } from '../../components/JsonFileButton'
import { chosenFileBase64, saveFile } from './fileActions'

interface Props {
  readonly payoutId: string
  readonly onImported: (review: ApprovalReviewView) => void
  readonly onError: (title: string, error: AppError) => void
  readonly onNotice: (message: string) => void
}

export function ApprovalFiles({ payoutId, onImported, onError, onNotice }: Props) {
  const [busy, setBusy] = useState<'export' | 'import' | null>(null)

  const exportRequest = async (): Promise<void> => {
    setBusy('export')
    const problem = saveFile(await api.exportForApproval({ id: payoutId }))
    setBusy(null)
    if (problem !== null) onError('The approval request was not exported', problem)
    else
      onNotice(
        'Approval request saved. Take the file to the approver’s desk, open it in Approvals, and bring back the approval file.'
      )
  }

  const importApproval = async (input: HTMLInputElement): Promise<void> => {
    const file = await chosenFileBase64(input)
    if (file === null) return
    if (!file.ok) return onError('The approval file was not read', file.error)
    setBusy('import')
    const result = await api.importApproval({ contentBase64: file.value })
    setBusy(null)
    if (result.ok) onImported(result.value)
    else onError('The approval was not accepted', result.error)
  }

  return (
    <div className="approval-files">
      <h3 className="digest-block__title">Approving on another desk</h3>
      <div className="actions">
        <button
          type="button"
          className="button button--small"
          disabled={busy !== null}
          onClick={() => void exportRequest()}
          data-testid="export-for-approval"
        >
          {busy === 'export' ? 'Exporting…' : 'Export for approval'}
        </button>
        <JsonFileButton
          label="Import approval…"
          importing={busy === 'import'}
          disabled={busy !== null}
          onFile={(input) => void importApproval(input)}
          testId="import-approval-input"
        />
      </div>
    </div>
  )
}
