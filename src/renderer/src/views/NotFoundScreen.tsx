// Runs in: renderer. A link that leads nowhere: say so and offer the way back.
import { routeHref } from '../lib/route'

export function NotFoundScreen({ path }: { readonly path: string }) {
  return (
    <section className="screen screen--narrow" aria-labelledby="not-found-title">
      <header className="screen__header">
        <h1 id="not-found-title" tabIndex={-1}>
          Page not found
        </h1>
      </header>
      <p>
        There is no page at <code>{path}</code>.
      </p>
      <a className="button button--primary" href={routeHref({ name: 'payouts' })}>
        Go to payouts
      </a>
    </section>
  )
}
