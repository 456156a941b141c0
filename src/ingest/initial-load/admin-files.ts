/**
 * The node and relationship files of `neo4j-admin database import full` (Neo4j Operations
 * Manual, "Import": CSV header format). Property values arrive as the driver would send them
 * (strings, JS numbers → Float, Integer → Integer, booleans, DateTime), so each is written with
 * the header type the online statement would have stored: `double`, `long`, `boolean`,
 * `string`, `datetime`. A JS Date is written as the driver would send it (DateTime.fromStandardDate:
 * the instant, with this machine's offset): the stager's own times come as Dates, since
 * formatting a driver DateTime (Integer arithmetic) was 14 % of an initial load's staging. A header is fixed per file while rows name different properties (a
 * user with an e-mail, one without), so every distinct property set gets its own file; the
 * tool takes any number of `--nodes=Label=file` / `--relationships=TYPE=file` arguments.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import neo4j, { isInt, type DateTime } from 'neo4j-driver';

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
  if (isInt(value)) return { type: 'long', text: value.inSafeRange() ? String(value.toNumber()) : value.toString() };
  if (value instanceof Date) return { type: 'datetime', text: dateTimeText(value) };
  if (value instanceof UtcDateTime) return { type: 'datetime', text: value.date.toISOString() };
  if (neo4j.isDateTime(value)) return { type: 'datetime', text: driverDateTimeText(value as object) };
  if (neo4j.isDate(value)) return { type: 'date', text: value.toString() };
  throw new Error(`initial load: property ${key} has a type the import files do not carry (${Object.prototype.toString.call(value)})`);
}

/** An instant stored in UTC, as Cypher's datetime({epochMillis}) stores it (a Date alone is written with this machine's offset). */
export class UtcDateTime {
  constructor(readonly date: Date) {}
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * The text DateTime.fromStandardDate(date).toString() gives (the local offset, Z for UTC), from
 * the Date's own ISO form: the same value once the tool reads it, without Integer arithmetic.
 */
export function dateTimeText(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('initial load: a time is not a valid date');
  const offsetMinutes = -date.getTimezoneOffset();
  if (offsetMinutes === 0) return date.toISOString();
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const size = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes > 0 ? '+' : '-'}${twoDigits(Math.floor(size / 60))}:${twoDigits(size % 60)}`;
}

/** A driver DateTime's text, kept per object: one import's clock ($now) is on every row it writes. */
const dateTimeTexts = new WeakMap<object, string>();
function driverDateTimeText(value: object): string {
  let text = dateTimeTexts.get(value);
  if (text === undefined) dateTimeTexts.set(value, (text = formatDriverDateTime(value as DateTime<number>)));
  return text;
}

/**
 * DateTime.toString's ISO form from the fields (numbers, as fromStandardDate makes them),
 * without its Integer arithmetic; anything unusual (a zone id, a year outside 0–9999,
 * Integer fields) is left to toString.
 */
export function formatDriverDateTime(value: DateTime<number>): string {
  const { year, month, day, hour, minute, second, nanosecond, timeZoneOffsetSeconds: offset, timeZoneId } = value;
  if (
    typeof year !== 'number' ||
    typeof nanosecond !== 'number' ||
    typeof offset !== 'number' ||
    timeZoneId != null ||
    year < 0 ||
    year > 9999 ||
    offset % 60 !== 0
  ) {
    return String(value);
  }
  const fraction = nanosecond === 0 ? '' : `.${String(nanosecond).padStart(9, '0')}`;
  const size = Math.abs(offset) / 60;
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${twoDigits(Math.floor(size / 60))}:${twoDigits(size % 60)}`;
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hour)}:${twoDigits(minute)}:${twoDigits(second)}${fraction}${zone}`;
}

/** RFC 4180 quoting, which the import tool reads with its default --quote='"'. */
function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * A row's header and line: the key columns, then its non-null properties in name order (one
 * pass; this runs for every row of a load, tens of millions at a million users).
 */
function withColumns(keyHeader: string, keyLine: string, props: Record<string, unknown>): { header: string; line: string } {
  let header = keyHeader;
  let line = keyLine;
  for (const key of Object.keys(props).sort()) {
    const value = props[key];
    if (value === null || value === undefined) continue;
    const column = typed(key, value);
    header += `,${key}:${column.type}`;
    line += `,${column.text}`;
  }
  return { header, line };
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
    const key = options.storeId === false ? `:ID(${label})` : `id:ID(${label})`;
    const { header, line } = withColumns(key, quote(id), props);
    await this.write(`--nodes=${label}`, `${label}-nodes`, header, line);
  }

  async relationship(type: string, start: { label: string; id: string }, end: { label: string; id: string }, props: Record<string, unknown>): Promise<void> {
    const { header, line } = withColumns(`:START_ID(${start.label}),:END_ID(${end.label})`, `${quote(start.id)},${quote(end.id)}`, props);
    await this.write(`--relationships=${type}`, `${type}-${start.label}-${end.label}`, header, line);
  }

  /** Closes every file; the arguments to hand to `neo4j-admin database import full`. */
  async close(): Promise<AdminImportArguments> {
    for (const { csv } of this.files.values()) await csv.close();
    return { files: [...this.files.values()].map((entry) => entry.argument), multilineFields: this.multiline };
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
