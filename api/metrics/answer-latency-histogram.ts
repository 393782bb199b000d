import { sql } from 'drizzle-orm';
import type { Metric } from 'prom-client';
import { queryRows, type HubDatabase } from '../db/database.ts';

const NAME = 'hub_answer_duration_seconds';
const HELP = 'Time from question to complete answer, all channels';

interface MetricLine {
  metricName: string;
  labels: Record<string, string>;
  value: number;
}
/** From a cached extractive answer (~0.1 s) to a slow local model on two cores (~1 min). */
export const ANSWER_LATENCY_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60] as const;

/**
 * Answer latency as a Prometheus histogram, counted from `question_log.timings.totalMs` so that answers
 * given by any process (api, bot) are in it. prom-client's Histogram only observes in memory, hence
 * this small metric of our own in the shape the registry prints.
 */
export function answerLatencyHistogram(db: HubDatabase): Metric {
  const buckets = ANSWER_LATENCY_BUCKETS_SECONDS.map((seconds, index) => sql`count(*) FILTER (WHERE ms <= ${seconds * 1000}) AS ${sql.raw(`b${index}`)}`);
  return {
    name: NAME,
    help: HELP,
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const [row] = await queryRows<Record<string, string>>(
        db,
        sql`SELECT ${sql.join(buckets, sql`, `)}, count(*) AS total, coalesce(sum(ms), 0) / 1000.0 AS seconds
            FROM (SELECT (timings->>'totalMs')::float AS ms FROM question_log WHERE timings ? 'totalMs') AS answers`,
      );
      const values: MetricLine[] = ANSWER_LATENCY_BUCKETS_SECONDS.map((le, index) => ({ metricName: `${NAME}_bucket`, labels: { le: String(le) }, value: Number(row?.[`b${index}`] ?? 0) }));
      values.push(
        { metricName: `${NAME}_bucket`, labels: { le: '+Inf' }, value: Number(row?.total ?? 0) },
        { metricName: `${NAME}_sum`, labels: {}, value: Number(row?.seconds ?? 0) },
        { metricName: `${NAME}_count`, labels: {}, value: Number(row?.total ?? 0) },
      );
      return { name: NAME, help: HELP, type: 'histogram', aggregator: 'sum', values };
    },
    reset() {},
  } as unknown as Metric;
}
