import { describe, expect, it } from 'vitest';

import type { Service } from '../stack/model.js';
import { dependencyLevels } from './order.js';

const service = (name: string, dependsOn: string[] = []) => ({ name, dependsOn }) as Service;

describe('dependencyLevels', () => {
  it('puts independent services in one level and dependents after what they need', () => {
    const levels = dependencyLevels([
      service('api', ['postgres', 'redis']),
      service('postgres'),
      service('redis'),
    ]);
    expect(levels.map((level) => level.map((s) => s.name))).toEqual([
      ['postgres', 'redis'],
      ['api'],
    ]);
  });

  it('ignores dependencies on services left out of the stack', () => {
    const levels = dependencyLevels([service('api', ['grafana'])]);
    expect(levels).toHaveLength(1);
  });

  it('names the services of a dependency cycle', () => {
    expect(() => dependencyLevels([service('a', ['b']), service('b', ['a'])])).toThrow(
      /cycle among a, b/,
    );
  });
});
