/**
 * The node and relationship files of `neo4j-admin database import full` (Neo4j Operations
 * Manual, "Import": CSV header format). Property values arrive as the driver would send them
 * (strings, JS numbers → Float, Integer → Integer, booleans, DateTime), so each is written with
 * the header type the online statement would have stored: `double`, `long`, `boolean`,
 * `string`, `datetime`. A header is fixed per file while rows name different properties (a
 * user with an e-mail, one without), so every distinct property set gets its own file; the
 * tool takes any number of `--nodes=Label=file` / `--relationships=TYPE=file` arguments.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import neo4j, { isInt } from 'neo4j-driver';

type HeaderType = 'string' | 'double' | 'long' | 'boolean' | 'datetime' | 'date';

/** A property's header type and its CSV text; null values are left out (on create, `SET x = null` stores nothing). */
function typed(key: string, value: unknown): { type: HeaderType; text: string } {
  if (typeof value === 'string') return { type: 'string', text: quote(value) };
  if (typeof value === 'boolean') return { type: 'boolean', text: String(value) };
  if (typeof value === 'number') {
    // JS numbers go over Bolt as Float. Java parses JS's shortest round-trip form to the same double.
    if (!Number.isFinite(value)) throw new Error(`initial load: property ${key} is ${value}, which the import tool cannot store`);
    return { type: 'double', text: String(value) };
  }
  if (isInt(value)) return { type: 'long', text: value.toString() };
  if (neo4j.isDateTime(value)) return { type: 'datetime', text: value.toString() };
  if (neo4j.isDate(value)) return { type: 'date', text: value.toString() };
  throw new Error(`initial load: property ${key} has a type the import files do not carry (${Object.prototype.toString.call(value)})`);
}

/** RFC 4180 quoting, which the import tool reads with its default --quote='"'. */
function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** Buffers rows and writes them in large chunks, waiting for the stream when it is full. */
class CsvFile {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private bufferedChars = 0;

  constructor(
    readonly file: string,
    header: string,
  ) {
    this.stream = createWriteStream(file);
    this.buffer.push(header);
  }

  async row(line: string): Promise<void> {
    this.buffer.push(line);
    this.bufferedChars += line.length;
    if (this.bufferedChars > 1_000_000) await this.drain();
  }

  private async drain(): Promise<void> {
    const text = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    if (this.buffer.length > 0) await this.drain();
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

export interface AdminImportArguments {
  /** `--nodes=…` / `--relationships=…` arguments, one per file. */
  files: string[];
  /** Some value holds a line break: the tool must then read quoted fields across lines (slower, so only when needed). */
  multilineFields: boolean;
}

export class AdminImportFiles {
  private readonly files = new Map<string, { csv: CsvFile; argument: string }>();
  private multiline = false;
  private rowsWritten = 0;

  constructor(private readonly dir: string) {}

  get rows(): number {
    return this.rowsWritten;
  }

  /**
   * One node: `id` is its key (an ID space per label, as the uniqueness constraints are per
   * label), stored as its `id` property unless `storeId` is false (event-log and counter nodes
   * have no id of their own: the key only links their relationships in the files).
   */
  async node(label: string, id: string, props: Record<string, unknown>, options: { storeId?: boolean } = {}): Promise<void> {
    const columns = this.columns(props);
    const key = options.storeId === false ? `:ID(${label})` : `id:ID(${label})`;
    const header = [key, ...columns.map((column) => `${column.key}:${column.type}`)].join(',');
    await this.write(`--nodes=${label}`, `${label}-nodes`, header, [quote(id), ...columns.map((column) => column.text)].join(','));
  }

  async relationship(type: string, start: { label: string; id: string }, end: { label: string; id: string }, props: Record<string, unknown>): Promise<void> {
    const columns = this.columns(props);
    const header = [`:START_ID(${start.label})`, `:END_ID(${end.label})`, ...columns.map((column) => `${column.key}:${column.type}`)].join(',');
    const line = [quote(start.id), quote(end.id), ...columns.map((column) => column.text)].join(',');
    await this.write(`--relationships=${type}`, `${type}-${start.label}-${end.label}`, header, line);
  }

  /** Closes every file; the arguments to hand to `neo4j-admin database import full`. */
  async close(): Promise<AdminImportArguments> {
    for (const { csv } of this.files.values()) await csv.close();
    return { files: [...this.files.values()].map((entry) => entry.argument), multilineFields: this.multiline };
  }

  private columns(props: Record<string, unknown>): { key: string; type: HeaderType; text: string }[] {
    return Object.keys(props)
      .filter((key) => props[key] !== null && props[key] !== undefined)
      .sort()
      .map((key) => ({ key, ...typed(key, props[key]) }));
  }

  private async write(option: string, stem: string, header: string, line: string): Promise<void> {
    if (/[\r\n]/.test(line)) this.multiline = true;
    let entry = this.files.get(`${option}\u0000${header}`);
    if (!entry) {
      const file = path.join(this.dir, `${stem}-${this.files.size + 1}.csv`);
      entry = { csv: new CsvFile(file, header), argument: `${option}=${file}` };
      this.files.set(`${option}\u0000${header}`, entry);
    }
    this.rowsWritten += 1;
    await entry.csv.row(line);
  }
}
