// Runs in: renderer. The validation issues of one field, next to it. Errors and warnings look
// different and also say which they are in words, for people who do not see the colours.
import type { Issue } from '../../../shared/api'

interface Props {
  readonly id: string
  readonly issues: readonly Issue[]
  readonly testId?: string
}

export function IssueList({ id, issues, testId }: Props) {
  if (issues.length === 0) return null
  return (
    <ul id={id} className="issues" data-testid={testId}>
      {issues.map((issue) => (
        <li
          key={`${issue.code}:${issue.message}`}
          className={`issue issue--${issue.severity}`}
          data-severity={issue.severity}
          data-code={issue.code}
        >
          <span className="issue__icon" aria-hidden="true">
            {issue.severity === 'error' ? '✕' : '!'}
          </span>
          <span className="visually-hidden">{issue.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
          {issue.message}
        </li>
      ))}
    </ul>
  )
}
