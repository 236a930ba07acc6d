import { open } from 'node:fs/promises';

/** One line of a log file: its number and text. */
export interface LogLine {
  number: number;
  text: string;
}

/** How much of the end of a log file a check reads: enough for a seeded run, bounded. */
const tailBytes = 8 * 1024 * 1024;

/** The lines of the last part of a log file (whole lines only). */
export async function readLogLines(file: string): Promise<LogLine[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, tailBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (length < size) lines.shift();
    if (lines.at(-1) === '') lines.pop();
    const first = 1 + (length < size ? 1 : 0);
    return lines.map((text, i) => ({ number: first + i, text }));
  } finally {
    await handle.close();
  }
}

/** A line parsed as a JSON object, or undefined when it is not one. */
export function parseLine(line: LogLine): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line.text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
