# The hub for local instances (docker compose) and the cloud. Node runs the TypeScript directly.
FROM node:24-bookworm-slim

# LibreOffice converts office documents on local instances; fonts make rendered pages readable for OCR.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui \
      fonts-dejavu-core fonts-liberation ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
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
