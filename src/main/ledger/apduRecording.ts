// Runs in: main (plain Node), tests only. Reads recorded APDU exchanges in the format Ledger's
// tools use ("=> command hex" / "<= response hex", one per line, "#" comments).

export interface RecordedExchange {
  readonly command: string
  readonly response: string
  readonly line: number
}

export function parseApduRecording(text: string): RecordedExchange[] {
  const out: RecordedExchange[] = []
  let command: { hex: string; line: number } | null = null
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const hex = line.slice(2).trim().toLowerCase()
    if (!/^[0-9a-f]*$/.test(hex) || hex.length % 2 !== 0) throw new Error(`Line ${i + 1}: not hex`)
    if (line.startsWith('=>')) {
      if (command) throw new Error(`Line ${i + 1}: command without response`)
      command = { hex, line: i + 1 }
    } else if (line.startsWith('<=')) {
      if (!command) throw new Error(`Line ${i + 1}: response without command`)
      out.push({ command: command.hex, response: hex, line: command.line })
      command = null
    } else {
      throw new Error(`Line ${i + 1}: expected "=>" or "<="`)
    }
  })
  if (command) throw new Error('Recording ends with a command and no response')
  return out
}
