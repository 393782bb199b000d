# The full hub for local instances (docker-compose.local.yml): every role, full processing (OCR and
# office files through LibreOffice). The cloud uses the slim Dockerfile.cloud. Node runs the TypeScript
# directly: there is no build step.

# The members' web page is built from web/ with the dev dependencies, which the hub itself does not need.
FROM node:24-bookworm-slim AS web-page
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY web ./web
RUN npm run build:web

FROM node:24-bookworm-slim

# LibreOffice converts office documents on local instances; fonts make rendered pages readable for OCR.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui \
      fonts-dejavu-core fonts-liberation ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Every dependency package.json names (pdf.js, tesseract.js with its language data, the chat SDKs,
# AdminJS...) comes from the lock file; nothing is downloaded when the hub runs.
COPY package.json package-lock.json ./
# `prepare` finds no esbuild here and skips the page build; the page comes from the stage above.
COPY web/build ./web/build
COPY web/src/i18n ./web/src/i18n
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=web-page /app/web/dist ./web/dist
COPY api ./api
COPY bot ./bot
COPY admin ./admin
COPY workers ./workers
COPY cli ./cli

# Two malloc arenas instead of one per thread: tens of MB less RSS per process (docs/cloud-memory.md).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 HUB_DATA_DIR=/data MALLOC_ARENA_MAX=2
RUN mkdir -p /data /app/.adminjs && chown node:node /data /app/.adminjs
VOLUME ["/data"]
EXPOSE 3000
USER node
# Every role answers /health/ready on PORT (a process without the api role serves only the probes).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Not `npm start`: npm would add a ~70 MB process and not pass SIGTERM on for a graceful stop.
CMD ["node", "cli/hub.ts", "start"]
