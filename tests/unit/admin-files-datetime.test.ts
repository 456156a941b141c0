/**
 * The import files write a Date as the driver would send it (src/ingest/initial-load/admin-files.ts):
 * the same instant and offset as DateTime.fromStandardDate, in any time zone the machine has.
 */
import neo4j from 'neo4j-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { dateTimeText } from '../../src/ingest/initial-load/admin-files.js';

const offsetOf = (text: string) => /(Z|[+-]\d{2}:\d{2})$/.exec(text)?.[1];
const zoneBefore = process.env['TZ'];

describe('initial-load datetime text', () => {
  afterEach(() => {
    if (zoneBefore === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zoneBefore;
  });

  it.each(['UTC', 'Asia/Shanghai', 'America/St_Johns', 'Asia/Kathmandu'])('matches the driver in %s', (zone) => {
    process.env['TZ'] = zone;
    for (const date of [new Date('2026-01-02T03:04:05.678Z'), new Date('2026-07-01T23:59:59.000Z'), new Date('1999-12-31T20:30:00.001Z')]) {
      const driver = neo4j.types.DateTime.fromStandardDate(date).toString();
      const ours = dateTimeText(date);
      expect(Date.parse(ours)).toBe(date.getTime());
      expect(offsetOf(ours)).toBe(offsetOf(driver));
      // The wall-clock part too: the tool stores the local time with its offset.
      expect(ours.slice(0, 19)).toBe(driver.slice(0, 19));
    }
  });
});
