# One image for every role: ROLE=web (HTTP, sockets, relay), ROLE=worker (BullMQ), ROLE=all.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
EXPOSE 3000
USER node
CMD ["npx", "tsx", "server/main.ts"]
