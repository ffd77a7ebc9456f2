// Runs in: main (plain Node). Server-sent events of payout status changes. Each stream reads the
// committed events after its own position, so a client that reconnects with Last-Event-ID (the
// event's sequence number) misses nothing, whichever process made the change.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { OpenedDatabase } from '../../store/db'
import { eventsAfter, latestEventSeq } from '../../store/payoutEventsRepo'
import { STATUS_EVENT_TYPE, statusEventPayload } from '../eventPayload'
import { EVENT_STREAM_HEADERS } from './replies'

const BATCH = 500
const RECONNECT_MS = 3_000
const HEARTBEAT_MS = 15_000

export interface EventStreams {
  open(req: IncomingMessage, res: ServerResponse): void
  /** Sends every stream what was committed since its last event. */
  flush(): void
  readonly count: number
  close(): void
}

export function createEventStreams(db: OpenedDatabase): EventStreams {
  const streams = new Map<ServerResponse, { after: number }>()
  const heartbeat = setInterval(() => {
    for (const res of streams.keys()) res.write(': keep-alive\n\n')
  }, HEARTBEAT_MS)
  heartbeat.unref()

  function send(res: ServerResponse, stream: { after: number }): void {
    for (;;) {
      const events = eventsAfter(db.read, stream.after, BATCH)
      for (const event of events) {
        const payload = statusEventPayload(db.read, event)
        res.write(`id: ${event.seq}\nevent: ${STATUS_EVENT_TYPE}\ndata: ${JSON.stringify(payload)}\n\n`)
        stream.after = event.seq
      }
      if (events.length < BATCH) return
    }
  }

  return {
    open(req, res) {
      const last = req.headers['last-event-id']
      const resumeFrom = typeof last === 'string' && /^[0-9]{1,15}$/.test(last) ? Number(last) : null
      const stream = { after: resumeFrom ?? latestEventSeq(db.read) }
      res.writeHead(200, EVENT_STREAM_HEADERS)
      res.write(`retry: ${RECONNECT_MS}\n\n`)
      streams.set(res, stream)
      req.on('close', () => streams.delete(res))
      send(res, stream)
    },
    flush() {
      for (const [res, stream] of streams) send(res, stream)
    },
    get count() {
      return streams.size
    },
    close() {
      clearInterval(heartbeat)
      for (const res of streams.keys()) res.end()
      streams.clear()
    }
  }
}
