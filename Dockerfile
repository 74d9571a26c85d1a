# Image for the API and worker processes (not the sandbox: see sandbox-images/).
# Where no registry is reachable, pass a locally built Node 20 base:
#   docker build --build-arg BASE_IMAGE=grader-base:bookworm-node20... .
ARG BASE_IMAGE=node:20-bookworm-slim
FROM ${BASE_IMAGE}
WORKDIR /app
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY runtime/package.json runtime/
COPY api/package.json api/
COPY worker/package.json worker/
COPY sandbox-images/node/harness/package.json sandbox-images/node/harness/
RUN npm ci --omit=optional
COPY tsconfig.base.json tsconfig.json ./
COPY contracts contracts
COPY runtime runtime
COPY api api
COPY worker worker
COPY exercises exercises
ENV GRADER_HOST=0.0.0.0 GRADER_DATA_DIR=/data
USER node
CMD ["node", "--import", "tsx", "api/src/main.ts"]
