# The hub for local instances (docker compose) and the cloud. Node runs the TypeScript directly.

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
COPY package.json package-lock.json ./
# `prepare` finds no esbuild here and skips the page build; the page comes from the stage above.
COPY web/build ./web/build
COPY web/src/i18n ./web/src/i18n
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=web-page /app/web/dist ./web/dist
COPY api ./api
COPY bot ./bot
COPY admin ./admin
COPY workers ./workers
COPY cli ./cli

ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 HUB_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 3000
# The admin panel writes its small browser bundle here at start.
RUN mkdir -p /app/.adminjs && chown node:node /app/.adminjs
USER node
CMD ["node", "cli/hub.ts", "start"]
