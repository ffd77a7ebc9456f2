// Runs in: renderer. Puts text on the system clipboard from a keyboard shortcut. The copy command
// works where the page has no clipboard permission (the app denies every permission): the page's
// own copy event supplies the text. Where that command is unavailable, the async clipboard is tried.

export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  let written = false
  const onCopy = (e: ClipboardEvent): void => {
    if (e.clipboardData === null) return
    e.clipboardData.setData('text/plain', text)
    e.preventDefault()
    written = true
  }
  // With nothing selected the copy command is enabled only when the page says it will supply the data.
  const onBeforeCopy = (e: Event): void => e.preventDefault()
  doc.addEventListener('copy', onCopy, true)
  doc.addEventListener('beforecopy', onBeforeCopy, true)
  try {
    doc.execCommand('copy')
  } catch {
    // not supported here: the async clipboard below
  } finally {
    doc.removeEventListener('copy', onCopy, true)
    doc.removeEventListener('beforecopy', onBeforeCopy, true)
  }
  if (written) return true
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
