import { describe, expect, it } from 'vitest';
import { OptionsError, parseCliOptions } from './options';

describe('simulator flags', () => {
  it('has sensible defaults', () => {
    const parsed = parseCliOptions([]);
    if (parsed.help) throw new Error('unexpected help');
    expect(parsed.options).toMatchObject({
      units: 40,
      alertEvery: 90,
      duration: 0,
      respond: true,
      maxOpen: 12,
    });
    expect(parsed.options.rate).toBeUndefined();
  });

  it('reads the load-generator flags', () => {
    const parsed = parseCliOptions([
      '--url',
      'http://127.0.0.1:4000',
      '--units',
      '2000',
      '--rate',
      '2000',
      '--alerts-per-min',
      '30',
      '--max-open',
      '0',
      '--no-respond',
    ]);
    if (parsed.help) throw new Error('unexpected help');
    expect(parsed.options).toMatchObject({
      url: 'http://127.0.0.1:4000',
      units: 2000,
      rate: 2000,
      alertsPerMin: 30,
      maxOpen: 0,
      respond: false,
    });
  });

  it('names every bad flag, refuses unknown ones, and offers help', () => {
    expect(() => parseCliOptions(['--units', 'many', '--rate', '0'])).toThrow(/--units[\s\S]*--rate/);
    expect(() => parseCliOptions(['--speed', '3'])).toThrow(OptionsError);
    expect(parseCliOptions(['--help'])).toEqual({ help: true });
  });
});
