import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export const ADMIN_TEST_PASSWORD = 'correct-horse-battery';

/** Logs in through the real login form and returns the session cookie header for further requests. */
export async function logInAsAdmin(app: FastifyInstance, password = ADMIN_TEST_PASSWORD): Promise<{ response: LightMyRequestResponse; cookie: string | null }> {
  const response = await app.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email: 'admin', password }).toString(),
  });
  const session = response.cookies.find((cookie) => cookie.name === 'hub_admin');
  return { response, cookie: session ? `hub_admin=${session.value}` : null };
}

/** Calls an AdminJS API route as the logged-in moderator and returns the parsed JSON. */
export async function adminApi(app: FastifyInstance, cookie: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const response = await app.inject({ method, url: `/admin/api/${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (response.statusCode !== 200) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  return response.json() as { notice?: { type: string; message: string }; record?: { params: Record<string, unknown> }; records?: Array<{ params: Record<string, unknown> }>; meta?: { total: unknown } };
}
