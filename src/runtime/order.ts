import type { Service } from '../stack/model.js';

/** Services grouped so each level depends only on earlier ones (dependencies outside are ignored). */
export function dependencyLevels(services: Service[]): Service[][] {
  const names = new Set(services.map((s) => s.name));
  const placed = new Set<string>();
  const levels: Service[][] = [];
  let remaining = services;
  while (remaining.length > 0) {
    const level = remaining.filter((s) => s.dependsOn.every((d) => placed.has(d) || !names.has(d)));
    if (level.length === 0) {
      throw new Error(`dependency cycle among ${remaining.map((s) => s.name).join(', ')}`);
    }
    level.forEach((s) => placed.add(s.name));
    levels.push(level);
    remaining = remaining.filter((s) => !placed.has(s.name));
  }
  return levels;
}
