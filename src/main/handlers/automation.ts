// Runs in: main (plain Node). Settings > Automation: the REST API (on or off, its port), the inbox
// and outbox folders, API tokens (a secret shown once) and webhooks (an HMAC secret shown once).
import type { Automation } from '../automation'
import type { HandlersOf } from './owners'

export function automationHandlers(automation: Automation): HandlersOf<'automation'> {
  return {
    async getAutomation() {
      return automation.view()
    },
    async updateAutomation(patch) {
      await automation.configure(patch)
      return automation.view()
    },
    async createApiToken({ name, scopes }) {
      const created = automation.manage.createToken(name, scopes)
      automation.changed()
      return created
    },
    async revokeApiToken({ id }) {
      automation.manage.revokeToken(id)
      automation.changed()
      return automation.view()
    },
    async addWebhook({ url }) {
      const created = await automation.manage.addWebhook(url)
      automation.changed()
      return created
    },
    async removeWebhook({ id }) {
      await automation.manage.removeWebhook(id)
      automation.changed()
      return automation.view()
    }
  }
}
