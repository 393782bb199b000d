import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../errors/app-error.ts';

/** When a token is configured, every request in this context must carry `Authorization: Bearer <token>`. */
export function requireApiToken(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  const expected = Buffer.from(token);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization ?? '';
    const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '');
    const matches = presented.length === expected.length && timingSafeEqual(presented, expected);
    if (!matches) {
      throw new AppError(
        ErrorCode.unauthorized,
        header ? 'The API token is wrong.' : 'This hub requires an API token: send the header "Authorization: Bearer <HUB_API_TOKEN>".',
      );
    }
  });
}
