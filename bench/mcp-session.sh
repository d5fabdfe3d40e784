#!/usr/bin/env bash
# Measures a chat turn on the gateway's aggregated /mcp endpoint for a user in 10 tenants with 10 tools each,
# sequentially on loopback, in both MCP eras: 2025 (Open WebUI's turn: a new session, initialize,
# notifications/initialized, tools/list) and 2026-07-28 (server/discover once, then a stateless tools/list per turn).
# Backends are in-JVM MCP servers; Postgres is embedded (zonky). Needs only a JDK.
#
#   bench/mcp-session.sh                         # 10 tenants x 10 tools, 500 warm-up turns, 2000 measured
#   TENANTS=20 TOOLS=20 TURNS=5000 bench/mcp-session.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl policy,db,test-support
./mvnw -B -q -pl gateway test-compile exec:java \
  -Dexec.mainClass=dev.mcpgateway.gateway.mcp.server.McpSessionBenchmark \
  -Dexec.classpathScope=test \
  -Dtenants="${TENANTS:-10}" -Dtools="${TOOLS:-10}" -Dwarmup="${WARMUP:-500}" -Dturns="${TURNS:-2000}" \
  2>&1 | grep -E '^(user in|turns=|per turn|backend tools|modern)'
