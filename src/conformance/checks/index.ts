import type { Check } from '../verdict.js';
import { logsChecks } from './logs.js';
import { metricsChecks } from './metrics.js';
import { uptimeChecks } from './uptime.js';

/** Every check, by criterion id; a criterion missing here is reported as `no check yet`. */
export const checks: Record<string, Check> = { ...metricsChecks, ...logsChecks, ...uptimeChecks };
