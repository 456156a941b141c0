/**
 * The import files write a Date as the driver would send it (src/ingest/initial-load/admin-files.ts):
 * the same instant and offset as DateTime.fromStandardDate, in any time zone the machine has.
 */
import neo4j from 'neo4j-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { dateTimeText, formatDriverDateTime } from '../../src/ingest/initial-load/admin-files.js';

const offsetOf = (text: string) => /(Z|[+-]\d{2}:\d{2})$/.exec(text)?.[1];
const zoneBefore = process.env['TZ'];

afterEach(() => {
  if (zoneBefore === undefined) delete process.env['TZ'];
  else process.env['TZ'] = zoneBefore;
});

describe('initial-load datetime text', () => {
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

describe('driver DateTime text', () => {
  it('is what DateTime.toString says, for the values an import sends', () => {
    const dates = [new Date('2026-01-02T03:04:05.678Z'), new Date('2026-07-01T23:59:59.000Z'), new Date('0999-12-31T20:30:00.001Z')];
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/St_Johns']) {
      process.env['TZ'] = zone;
      for (const date of dates) {
        const value = neo4j.types.DateTime.fromStandardDate(date);
        expect(formatDriverDateTime(value)).toBe(value.toString());
      }
    }
    const zoned = new neo4j.types.DateTime(2026, 3, 29, 2, 30, 0, 0, undefined, 'Europe/Berlin');
    expect(formatDriverDateTime(zoned)).toBe(zoned.toString());
    const seconds = new neo4j.types.DateTime(2026, 3, 29, 2, 30, 0, 0, 3_725);
    expect(formatDriverDateTime(seconds)).toBe(seconds.toString());
  });
});
