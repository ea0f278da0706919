import { Counter, Histogram, Registry } from 'prom-client'

// Prometheus metrics of every server process (gateway, realtime, the functions' host), with
// prom-client, which runs under Node and Deno alike. Each process keeps its own registry and answers
// GET /metrics (the realtime server: /realtime/v1/metrics) to a scraper holding the metrics token;
// the gateway's /metrics adds the others' to its own, so one scrape target sees the platform.

export { Registry }

/** The path every process answers metrics on (the realtime server: under /realtime/v1). */
export const METRICS_PATH = '/metrics'

/** Seconds: a request answered from memory up to one that waited for a slow function. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * Requests and their latency per service (a small, fixed set of label values). `prefix` keeps each
 * process's series apart once the gateway puts them in one answer: kipindi_http (the gateway),
 * kipindi_function (the functions' host).
 */
export function createHttpMetrics(registry: Registry, prefix: 'kipindi_http' | 'kipindi_function') {
  const requests = new Counter({
    name: `${prefix}_requests_total`,
    help: 'HTTP requests answered, by service, method and status class.',
    labelNames: ['service', 'method', 'status'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: `${prefix}_request_duration_seconds`,
    help: 'Time from a request arriving to its answer being sent, by service.',
    labelNames: ['service'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  return {
    observe(service: string, method: string, status: number, seconds: number) {
      requests.inc({ service, method: knownMethod(method), status: `${Math.floor(status / 100)}xx` })
      latency.observe({ service }, seconds)
    },
  }
}
export type HttpMetrics = ReturnType<typeof createHttpMetrics>

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
/** Any other method string would be a new series: they all count as "other". */
const knownMethod = (method: string | undefined) => (method && METHODS.has(method) ? method : 'other')

/**
 * Whether a scrape may read metrics: only with `Authorization: Bearer <token>`, compared in constant
 * time. No token configured: nobody may (metrics name the platform's inner workings).
 */
export function mayScrape(authorization: string | null | undefined, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith('Bearer ')) return false
  const given = new TextEncoder().encode(authorization.slice('Bearer '.length))
  const wanted = new TextEncoder().encode(token)
  if (given.length !== wanted.length) return false
  let diff = 0
  for (let i = 0; i < given.length; i++) diff |= (given[i] ?? 0) ^ (wanted[i] ?? 0)
  return diff === 0
}

/** The Web-standard answer to a scrape: 401 without the token, else the registry's exposition. */
export async function metricsResponse(req: Request, registry: Registry, token: string | undefined) {
  if (!mayScrape(req.headers.get('authorization'), token)) {
    return Response.json(
      { error: { code: 'unauthorized', message: 'Metrics need the metrics token.' } },
      { status: 401 },
    )
  }
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } })
}
