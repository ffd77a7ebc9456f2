// Runs in: renderer. Asks whether to return a payout waiting for approval to Draft before an edit
// is saved, saying how many approvals that voids (see stores/reopenPrompt).
import { reopenQuestion } from '../lib/approvals/reopen'
import { useReopenPrompt } from '../stores/reopenPrompt'
import { Dialog } from './Dialog'

export function ReopenDialog() {
  const question = useReopenPrompt((s) => s.question)
  const answer = useReopenPrompt((s) => s.answer)
  return (
    <Dialog open={question !== null} title="Return to Draft?" onClose={() => answer(false)} testId="reopen-dialog">
      <p data-testid="reopen-question">{reopenQuestion(question?.approvals ?? null)}</p>
      <p className="hint">It must then be submitted and approved again before it can be paid.</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => answer(false)} data-testid="reopen-keep">
          Keep it pending
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => answer(true)}
          data-testid="reopen-confirm"
        >
          Return to Draft and save
        </button>
      </div>
    </Dialog>
  )
}
