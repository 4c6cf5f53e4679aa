# One image for every service of the graph; the command picks which one runs.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY subgraphs/directory/package.json subgraphs/directory/
COPY subgraphs/meetings/package.json subgraphs/meetings/
COPY subgraphs/cases/package.json subgraphs/cases/
COPY subgraphs/hubs/package.json subgraphs/hubs/
COPY gateway/package.json gateway/
COPY web/package.json web/
# tsx runs the TypeScript sources (it is a dev dependency, so install them too).
RUN npm ci --include=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY data data
COPY schema schema
COPY packages packages
COPY subgraphs subgraphs
COPY gateway gateway
COPY scripts scripts
COPY web web
# The meeting board (served by the gateway outside production; host it as static files in production).
RUN node node_modules/vite/bin/vite.js build web --logLevel warn
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
# e.g. subgraphs/directory/src/index.ts, subgraphs/meetings/src/index.ts, subgraphs/cases/src/index.ts, subgraphs/hubs/src/index.ts, gateway/src/index.ts
CMD ["node", "--import", "tsx", "gateway/src/index.ts"]
