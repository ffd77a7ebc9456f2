// Runs in: tests (plain Node). A webhook receiver on loopback, as another system runs one: it
// records every call (headers and exact body) and answers with the status its plan gives, so a
// test can make it fail a few times, or stay down until it is started.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedCall {
  readonly body: string
  readonly signature: string
  readonly eventId: string
  readonly status: number
}

export interface WebhookReceiver {
  readonly url: string
  readonly calls: ReceivedCall[]
  close(): Promise<void>
}

/** `answer(n)` is the HTTP status for the n-th call (0-based); 204 for all by default. */
export async function startWebhookReceiver(
  options: { port?: number; answer?: (n: number) => number } = {}
): Promise<WebhookReceiver> {
  const calls: ReceivedCall[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      const status = options.answer?.(calls.length) ?? 204
      calls.push({
        body,
        signature: String(req.headers['treasury-signature'] ?? ''),
        eventId: String(req.headers['treasury-event-id'] ?? ''),
        status
      })
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/treasury/events`,
    calls,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
