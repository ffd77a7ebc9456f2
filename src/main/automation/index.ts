// Runs in: main (plain Node). Automation as one part of the app: the REST API server, the inbox
// watcher, the outbox status files, webhook delivery, server-sent events and the notice of changes
// made by other processes, started and stopped as Settings > Automation says, and the contract
// methods that manage them. A steady tick (and every change made here) moves the feeds along.
import type { TreasuryApi, TreasuryEvent } from '../../shared/api'
import type { AutomationPartState, AutomationView } from '../../shared/automation'
import { AppFailure } from '../../shared/errors'
import type { SecretStore } from '../secrets'
import type { OpenedDatabase } from '../store/db'
import { createEventStreams, type EventStreams } from './api/eventStream'
import type { RateLimit } from './api/rateLimit'
import { routeHandlers } from './api/routes'
import { startApiServer, type ApiServer } from './api/server'
import { readAutomationConfig, writeAutomationConfig, type AutomationConfig } from './config'
import { callContract } from './contract'
import { watchExternalChanges, type ExternalChanges } from './externalChanges'
import { processInboxFile } from './inbox/processor'
import { DEFAULT_INBOX_TIMINGS, watchInbox, type InboxTimings, type InboxWatcher } from './inbox/watcher'
import { createManagement } from './manage'
import { openApiDocument } from './openapi/document'
import type { AutomatedSource } from './origin'
import { createOutboxWriter } from './outbox/writer'
import { createWebhookDelivery, DEFAULT_WEBHOOK_TIMINGS, type WebhookTimings } from './webhooks/delivery'

export interface AutomationTimings {
  /** How often feeds (events, status files, webhooks, other processes' changes) are moved along. */
  readonly tickMs: number
  readonly inbox: InboxTimings
  readonly webhooks: WebhookTimings
}

export const DEFAULT_AUTOMATION_TIMINGS: AutomationTimings = {
  tickMs: 250,
  inbox: DEFAULT_INBOX_TIMINGS,
  webhooks: DEFAULT_WEBHOOK_TIMINGS
}

export interface AutomationDeps {
  readonly db: OpenedDatabase
  /** The contract as the desk sees it (asked for when needed: it is built after automation). */
  readonly app: () => TreasuryApi
  /** The contract acting as an automation source (drafting records where a payout came from). */
  readonly asSource: (source: AutomatedSource) => TreasuryApi
  readonly assetDecimals: (assetId: string) => number | undefined
  readonly secrets: () => Promise<SecretStore>
  /** The desk's operator, who manages automation in Settings. */
  readonly actor: () => string
  readonly now: () => Date
  readonly emit: (event: TreasuryEvent) => void
  readonly subscribe: (listener: (event: TreasuryEvent) => void) => () => void
  readonly timings?: Partial<AutomationTimings>
  readonly rateLimit?: RateLimit
  readonly log?: (e: unknown) => void
}

const OFF: AutomationPartState = { state: 'off', error: null }
const RUNNING: AutomationPartState = { state: 'running', error: null }
const failed = (e: unknown): AutomationPartState => ({
  state: 'failed',
  error: e instanceof Error ? e.message : String(e)
})

export function createAutomation(deps: AutomationDeps) {
  const { db } = deps
  const log = deps.log ?? console.error
  const timings = { ...DEFAULT_AUTOMATION_TIMINGS, ...deps.timings }
  const manage = createManagement(deps)
  const handlers = routeHandlers({ ...deps, log })
  const changed = () => deps.emit({ type: 'automation.changed' })
  let config: AutomationConfig = readAutomationConfig(db.write)
  let server: { api: ApiServer; streams: EventStreams } | null = null
  let apiState = OFF
  let inbox: InboxWatcher | null = null
  let inboxState = OFF
  let external: ExternalChanges | null = null
  let timer: ReturnType<typeof setInterval> | null = null
  let unsubscribe: (() => void) | null = null
  let ticking: Promise<void> | null = null

  const outbox = createOutboxWriter({
    db,
    folder: () => config.outboxFolder,
    payout: (id) => callContract(deps.app(), 'getPayout', { id, limit: 0 }, log)
  })
  const webhooks = createWebhookDelivery({
    db,
    secrets: deps.secrets,
    now: deps.now,
    timings: timings.webhooks,
    onDelivered: changed
  })

  async function applyApi(): Promise<void> {
    const wanted = config.apiEnabled
    if (server !== null && (!wanted || !server.api.url.endsWith(`:${config.apiPort}`))) {
      await server.api.close()
      server = null
    }
    apiState = wanted ? apiState : OFF
    if (!wanted || server !== null) return
    const streams = createEventStreams(db)
    try {
      const api = await startApiServer({
        port: config.apiPort,
        db,
        handlers,
        events: streams,
        openapi: openApiDocument,
        now: deps.now,
        ...(deps.rateLimit === undefined ? {} : { rateLimit: deps.rateLimit }),
        log
      })
      server = { api, streams }
      apiState = RUNNING
    } catch (e) {
      streams.close()
      apiState = failed(e)
    }
  }

  async function applyInbox(previous: AutomationConfig | null): Promise<void> {
    const same =
      previous !== null &&
      previous.inboxFolder === config.inboxFolder &&
      previous.inboxReadiness === config.inboxReadiness
    if (same && inbox !== null) return
    await inbox?.close()
    inbox = null
    inboxState = OFF
    const folder = config.inboxFolder
    if (folder === null) return
    inboxState = RUNNING
    inbox = watchInbox({
      folder,
      readiness: config.inboxReadiness,
      timings: timings.inbox,
      async handle(entry) {
        await processInboxFile(
          {
            db,
            catalogue: async () => ({
              networks: await deps.app().listNetworks({}),
              assets: await deps.app().listAssets({})
            }),
            preview: (input) => callContract(deps.app(), 'previewRegistry', input, log),
            readRows: (input) => callContract(deps.app(), 'readImportRows', input, log),
            create: (source, input) => callContract(deps.asSource(source), 'createPayout', input, log)
          },
          entry
        )
        inboxState = RUNNING
        changed()
      },
      onError(e) {
        log(e)
        inboxState = failed(e)
        changed()
      }
    })
  }

  /** Brings the running parts in line with `config`, one change after the other. */
  let applying: Promise<void> = Promise.resolve()
  function apply(previous: AutomationConfig | null): Promise<void> {
    applying = applying.then(async () => {
      await applyApi()
      await applyInbox(previous)
      changed()
    })
    return applying
  }

  function tick(): Promise<void> {
    ticking ??= (async () => {
      try {
        external?.check()
        server?.streams.flush()
        await outbox.flush()
        await webhooks.run()
      } catch (e) {
        log(e)
      } finally {
        ticking = null
      }
    })()
    return ticking
  }

  function view(): AutomationView {
    return {
      api: { ...apiState, enabled: config.apiEnabled, port: config.apiPort, url: server?.api.url ?? null },
      inbox: { ...inboxState, folder: config.inboxFolder, readiness: config.inboxReadiness },
      outbox: {
        ...(config.outboxFolder === null ? OFF : outbox.lastError === null ? RUNNING : failed(outbox.lastError)),
        folder: config.outboxFolder
      },
      tokens: manage.tokens(),
      webhooks: manage.webhooks()
    }
  }

  return {
    view,
    /** Tokens and webhooks, as managed in Settings. */
    manage,
    /** Writes a settings change and starts or stops what it concerns. */
    async configure(patch: Partial<AutomationConfig>): Promise<void> {
      const previous = config
      config = writeAutomationConfig(db.write, patch, deps.actor())
      if (timer !== null) await apply(previous)
      else changed()
    },
    /** Tells open screens that tokens, webhooks or states changed. */
    changed,
    /** Starts what the settings switch on, and the feeds. */
    async start(): Promise<void> {
      if (timer !== null) throw new AppFailure('internal_error', 'Automation was started twice.')
      external = watchExternalChanges(db, deps.emit)
      timer = setInterval(() => void tick(), timings.tickMs)
      unsubscribe = deps.subscribe((event) => {
        if (event.type === 'payout.changed') void tick()
      })
      await apply(null)
    },
    /** Moves every feed along now; resolves when done (tests wait on it instead of on time). */
    tick,
    /** The API's address while it listens. */
    apiUrl: (): string | null => server?.api.url ?? null,
    async close(): Promise<void> {
      if (timer !== null) clearInterval(timer)
      timer = null
      unsubscribe?.()
      await applying
      await ticking
      await inbox?.close()
      inbox = null
      await server?.api.close()
      server = null
    }
  }
}

export type Automation = ReturnType<typeof createAutomation>
