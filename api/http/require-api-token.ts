import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import { presentsApiToken } from './presents-api-token.ts';

/** When a token is configured, every request in this context must carry `Authorization: Bearer <token>`. */
export function requireApiToken(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization ?? '';
    if (!presentsApiToken(header, token)) {
      throw new AppError(
        ErrorCode.unauthorized,
        header ? 'The API token is wrong.' : 'This hub requires an API token: send the header "Authorization: Bearer <HUB_API_TOKEN>".',
      );
    }
  });
}

