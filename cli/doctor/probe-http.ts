const PROBE_TIMEOUT_MS = 4_000;

export type ProbeOutcome = { reachable: true; status: number; body: unknown } | { reachable: false; reason: string };

/** One GET with a short timeout; never throws (doctor reports, it does not crash). */
export async function probeHttp(url: string, headers: Record<string, string> = {}): Promise<ProbeOutcome> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const body = await response.json().catch(() => null);
    return { reachable: true, status: response.status, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { reachable: false, reason: cause ?? (error as Error).name ?? 'unreachable' };
  }
}
