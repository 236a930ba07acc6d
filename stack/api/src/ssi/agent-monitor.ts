import type { Role } from '../settings.js';
import { metrics } from '../telemetry/metrics.js';
import type { Logger } from '../telemetry/logger.js';
import type { InstrumentedAgent } from './instrumented-agent.js';

// How often each agent's readiness and active connections are read.
export const AGENT_POLL_INTERVAL_MS = 5_000;

// How often while an agent is not ready yet, so the API is ready soon after its agents are.
const UNREADY_POLL_INTERVAL_MS = 250;

// Connection webhooks come in bursts (several per handshake); one recount per burst is enough.
const REFRESH_DELAY_MS = 1_000;

// Polls every agent's /status/ready and active connection count into acapy_agent_up and
// acapy_active_connections; the last readiness also answers the API's /ready.
export class AgentMonitor {
  private readonly agents: InstrumentedAgent[];
  private readonly log: Logger;
  private readonly ready = new Map<Role, boolean>();
  private readonly pendingRefresh = new Map<Role, NodeJS.Timeout>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(agents: Record<Role, InstrumentedAgent>, log: Logger) {
    this.agents = Object.values(agents);
    this.log = log;
  }

  // Polls once now, then every AGENT_POLL_INTERVAL_MS (more often while an agent is not ready).
  async start(): Promise<void> {
    this.stopped = false;
    await this.pollAll();
    this.scheduleNext();
  }

  // Stops polling.
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const timer of this.pendingRefresh.values()) clearTimeout(timer);
  }

  // Recounts an agent's active connections shortly, once for a burst of connection changes.
  scheduleRefresh(agent: InstrumentedAgent): void {
    if (this.pendingRefresh.has(agent.name)) return;

    const timer = setTimeout(() => {
      this.pendingRefresh.delete(agent.name);
      void this.refreshConnections(agent);
    }, REFRESH_DELAY_MS);
    timer.unref();
    this.pendingRefresh.set(agent.name, timer);
  }

  // Whether an agent was ready at the last poll.
  isReady(agent: Role): boolean {
    return this.ready.get(agent) === true;
  }

  // Re-reads one agent's active connections now, after a connection changed state.
  async refreshConnections(agent: InstrumentedAgent): Promise<void> {
    try {
      const count = await agent.call(
        'list_connections',
        (client) => client.countActiveConnections(),
        { traced: false },
      );
      metrics.activeConnections.set({ agent: agent.name }, count);
    } catch (err) {
      this.log.warning({ agent: agent.name, err }, 'agent connections unreadable');
    }
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const allReady = this.agents.every((agent) => this.ready.get(agent.name) === true);
    this.timer = setTimeout(
      () => void this.pollAll().finally(() => this.scheduleNext()),
      allReady ? AGENT_POLL_INTERVAL_MS : UNREADY_POLL_INTERVAL_MS,
    );
    this.timer.unref();
  }

  private async pollAll(): Promise<void> {
    await Promise.all(this.agents.map((agent) => this.poll(agent)));
  }

  private async poll(agent: InstrumentedAgent): Promise<void> {
    const wasReady = this.ready.get(agent.name);
    const ready = await agent
      .call('is_ready', (client) => client.isReady(), { traced: false })
      .catch(() => false);

    this.ready.set(agent.name, ready);
    metrics.agentUp.set({ agent: agent.name }, ready ? 1 : 0);
    if (ready !== wasReady) {
      const fields = { agent: agent.name, ready };
      if (ready) this.log.info(fields, 'agent readiness changed');
      else this.log.warning(fields, 'agent readiness changed');
    }

    if (ready) await this.refreshConnections(agent);
  }
}
