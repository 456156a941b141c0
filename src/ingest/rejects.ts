import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

/** One rejected input row: where it was and why. */
export interface Reject {
  file: string;
  line: number;
  reason: string;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Bad rows never stop an import and are never dropped silently: each is appended to a CSV
 * (file,line,reason,row). The file is created on the first reject only.
 */
export class RejectsFile {
  private stream: WriteStream | null = null;
  private readonly perFile = new Map<string, number>();
  count = 0;

  constructor(readonly path: string) {}

  add(reject: Reject, row: string): void {
    if (!this.stream) {
      mkdirSync(path.dirname(this.path), { recursive: true });
      this.stream = createWriteStream(this.path, { encoding: 'utf8' });
      this.stream.write('file,line,reason,row\n');
    }
    this.stream.write(`${[reject.file, String(reject.line), reject.reason, row.slice(0, 2_000)].map(csvField).join(',')}\n`);
    this.count += 1;
    this.perFile.set(reject.file, (this.perFile.get(reject.file) ?? 0) + 1);
  }

  countFor(file: string): number {
    return this.perFile.get(file) ?? 0;
  }

  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
