import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';

import type { ActiveUsers } from '../active-users.js';
import type { IssuanceQueue } from '../queue.js';
import type { Role, Settings } from '../settings.js';
import type { AgentMonitor } from '../ssi/agent-monitor.js';
import type { InstrumentedAgent } from '../ssi/instrumented-agent.js';
import type { Logger } from '../telemetry/logger.js';

// What the API's routes and flows share; built once in api-server.ts.
export interface ApiContext {
  settings: Settings;
  logger: Logger;
  pool: Pool;
  redis: Redis;
  queue: IssuanceQueue;
  activeUsers: ActiveUsers;
  agents: Record<Role, InstrumentedAgent>;
  monitor: AgentMonitor;
  registry: Registry;
}
