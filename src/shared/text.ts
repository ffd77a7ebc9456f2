// Runs in: every process. Text a person reads as a name or label must show what it says: control
// characters and bidirectional overrides can hide or reorder what is displayed (a name that reads
// "Boris" but sorts or prints as something else).

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** "a control character (U+0007)" for the first unsafe character of `text`, or null when there is none. */
export function findUnsafeText(text: string): string | null {
  const m = UNSAFE.exec(text)
  if (m === null) return null
  const code = m[0].codePointAt(0)!
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  return code < 0x20 || (code >= 0x7f && code <= 0x9f)
    ? `a control character (${hex})`
    : `a text-direction mark (${hex})`
}
