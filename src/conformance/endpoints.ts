import path from 'node:path';

import type { LogLevel } from '../config/defaults.js';
import type { StackPlan } from '../runtime/runtime.js';
import { runsLocally, unavailableReason } from '../stack/model.js';
import { agentNames, type AgentName } from '../stack/secrets.js';

/** An agent's admin API and its key. */
export interface AgentEndpoint {
  adminUrl: string;
  apiKey: string;
}

/** What a check may talk to: the URLs of the services in the checked stack, and nothing else. */
export interface StackEndpoints {
  /** Service name to its URL, for every service that is part of the checked stack. */
  present: Map<string, string>;
  /** Service name to why it is not part of the checked stack. */
  absent: Map<string, string>;
  agents: Partial<Record<AgentName, AgentEndpoint>>;
  /** The Prometheus jobs of our instrumented services and exporters. */
  scrapeJobs: string[];
  /** The services whose health endpoint the blackbox exporter is to probe. */
  healthProbed: string[];
  /** Our services' log files, where they are files on this machine (the local runtime). */
  logFiles: Record<string, { file: string; level: LogLevel }>;
}

/** The name under which local log files count as a part of the checked stack. */
export const logFilesPart = 'log-files';

/** The endpoints of a stack obs planned: every service it runs here is expected to answer. */
export function endpointsOfPlan(plan: StackPlan): StackEndpoints {
  const present = new Map<string, string>();
  const absent = new Map<string, string>();
  for (const service of plan.model.services) {
    if (runsLocally(service)) present.set(service.name, service.url);
    else absent.set(service.name, unavailableReason(service) ?? 'not run by this runtime');
  }
  const agents: StackEndpoints['agents'] = {};
  for (const agent of agentNames) {
    const url = present.get(`acapy-${agent}`);
    if (url) agents[agent] = { adminUrl: url, apiKey: plan.secrets.agents[agent].adminKey };
  }
  const scrapeJobs = plan.model.services
    .filter((service) => service.scrape && present.has(service.name))
    .map((service) => service.scrape!.job);
  const logFiles: StackEndpoints['logFiles'] = {};
  for (const name of ['api', 'worker'] as const) {
    if (!present.has(name)) continue;
    logFiles[name] = {
      file: path.join(plan.paths.logs, `${name}.log`),
      level: plan.config.logLevels[name],
    };
  }
  if (Object.keys(logFiles).length > 0) present.set(logFilesPart, plan.paths.logs);
  else absent.set(logFilesPart, 'no service of ours writes its log to a file here');
  const healthProbed = plan.model.services
    .filter((service) => service.health && present.has(service.name))
    .map((service) => service.name);
  return { present, absent, agents, scrapeJobs, healthProbed, logFiles };
}

/**
 * The endpoints of a stack obs did not start, from explicit URLs: only what is named is part of
 * it. Agents are given as `name=adminUrl#apiKey`.
 */
export function endpointsOfUrls(
  urls: Record<string, string | undefined>,
  agentSpecs: string[],
): StackEndpoints {
  const present = new Map<string, string>();
  for (const [name, url] of Object.entries(urls))
    if (url) present.set(name, url.replace(/\/$/, ''));
  const agents: StackEndpoints['agents'] = {};
  for (const spec of agentSpecs) {
    const match = /^(doctor|patient|pharmacist)=(https?:\/\/[^#]+)#(.+)$/.exec(spec);
    if (!match)
      throw new Error(
        `--acapy-agent ${spec} is not name=adminUrl#apiKey with name doctor, patient or pharmacist`,
      );
    const [, name, adminUrl, apiKey] = match;
    agents[name as AgentName] = { adminUrl, apiKey };
    present.set(`acapy-${name}`, adminUrl);
  }
  const absent = new Map([[logFilesPart, 'a stack obs did not start has no log files here']]);
  const scrapeJobs = present.has('api') ? ['prescription-api'] : [];
  return { present, absent, agents, scrapeJobs, healthProbed: [], logFiles: {} };
}
