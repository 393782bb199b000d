import type { FastifyInstance, FastifyReply } from 'fastify';

/** What /admin shows while no ADMIN_PASSWORD is set: how to turn the panel on, nothing else. */
export const LOCKED_ADMIN_HTML = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Admin panel locked</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>The admin panel is locked</h1>
<p>No admin password is set, so nobody can log in. To enable the panel:</p>
<ol>
<li>Set <code>ADMIN_PASSWORD</code> to at least 12 characters (and optionally <code>ADMIN_USERNAME</code>, default <code>admin</code>).</li>
<li>For logins that survive restarts, set <code>ADMIN_SESSION_SECRET</code> to at least 32 characters
(<code>openssl rand -hex 32</code>); it is required when <code>DEPLOYMENT_MODE=cloud</code>.</li>
<li>Restart the hub and open this page again.</li>
</ol>
</body>
</html>
`;

/** Serves the locked page on the panel's paths, so a moderator gets instructions instead of a 404. */
export async function registerLockedAdminPage(app: FastifyInstance, rootPath: string): Promise<void> {
  const send = async (_request: unknown, reply: FastifyReply) =>
    reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(LOCKED_ADMIN_HTML);
  app.get(rootPath, send);
  app.get(`${rootPath}/*`, send);
}
