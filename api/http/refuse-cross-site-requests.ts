import { isIP } from 'node:net';
import os from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../errors/app-error.ts';

/** Methods that change something; the others only read (and CORS keeps other sites from reading). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `Sec-Fetch-Site` values a browser sends for the hub's own pages and for an address typed by hand. */
const OWN_SITE = new Set(['same-origin', 'none']);

export interface CrossSiteOptions {
  /** ALLOWED_HOSTS: names that reach this hub besides IP addresses and localhost; `*` accepts any. */
  allowedHosts?: string;
}

/**
 * For a hub without an API token, where anyone who can reach it may act: a web page on another site
 * must not be able to make a visitor's browser upload, approve, reject or re-embed, and a DNS name an
 * attacker points at 127.0.0.1 (DNS rebinding) must not make the hub's API "same-origin" to them.
 *
 * - The Host header must be an IP address (a browser only sends one it really connected to), a
 *   `localhost` name (never resolved by DNS), this machine's name, or a name in ALLOWED_HOSTS.
 * - A state-changing request that a browser marks as coming from another origin (`Origin`,
 *   `Sec-Fetch-Site`) is refused. Clients that are not browsers (curl, the CLI) send neither and pass.
 */
export function refuseCrossSiteRequests(app: FastifyInstance, options: CrossSiteOptions = {}): void {
  const anyHost = options.allowedHosts?.trim() === '*';
  const listed = listedHostNames(options.allowedHosts);
  const names = new Set([...machineHostNames(), ...listed]);
  app.addHook('onRequest', async (request) => {
    const host = request.headers.host?.toLowerCase();
    if (host && !anyHost && !isKnownHost(hostnameOf(host), names)) {
      throw new AppError(
        ErrorCode.forbidden,
        `Refused: "${hostnameOf(host)}" is not a name of this hub. Use its IP address or localhost, or add the name to ALLOWED_HOSTS.`,
        { details: { reason: 'unknown_host' } },
      );
    }
    if (SAFE_METHODS.has(request.method)) return;
    if (!fromOwnOrigin(request, host, listed)) {
      throw new AppError(
        ErrorCode.forbidden,
        'Refused a request from another web site: without HUB_API_TOKEN only the hub\'s own pages and non-browser clients may change things. Set HUB_API_TOKEN to let other sites use the API with the token.',
        { details: { reason: 'cross_site' } },
      );
    }
  });
}

/** Same origin as the request's Host, or a name the operator listed (a page behind their own proxy). */
function fromOwnOrigin(request: FastifyRequest, host: string | undefined, listed: ReadonlySet<string>): boolean {
  const site = header(request, 'sec-fetch-site');
  if (site !== undefined && !OWN_SITE.has(site.toLowerCase())) return false;
  const origin = header(request, 'origin');
  if (origin === undefined) return true;
  const originHost = parseOriginHost(origin);
  if (!originHost) return false; // `null` (sandboxed frames, file: pages) or garbage
  return originHost === host || listed.has(hostnameOf(originHost));
}

function listedHostNames(allowedHosts: string | undefined): ReadonlySet<string> {
  return new Set((allowedHosts ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name && name !== '*'));
}

/** The machine's own name answers on the LAN (and via mDNS as `<name>.local`) without configuration. */
function machineHostNames(): string[] {
  const machine = os.hostname().toLowerCase();
  return [machine, `${machine}.local`];
}

function isKnownHost(hostname: string, names: ReadonlySet<string>): boolean {
  if (isIP(hostname) !== 0) return true;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  return names.has(hostname.replace(/\.$/, ''));
}

/** `example.org:3000` -> `example.org`; `[::1]:3000` -> `::1`. */
export function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!;
  return host.replace(/:\d+$/, '');
}

function parseOriginHost(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
