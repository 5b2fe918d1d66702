import { describe, expect, it } from 'vitest';
import { rowProblems, rowsOf, variablesChange } from './variableRows.ts';

describe('stage variable rows', () => {
  it('words AWS’s rules for names and values per row', () => {
    const rows = [
      { key: 1, name: 'bad name', value: 'x' },
      { key: 2, name: 'ok', value: 'has space' },
      { key: 3, name: 'empty', value: '' },
      { key: 4, name: 'n'.repeat(65), value: 'x' },
      { key: 5, name: 'ok', value: 'https://v2.example/a?b=c&d=e,f#g~h' },
      { key: 6, name: '', value: '' },
      { key: 7, name: 'fine', value: 'https://v1.example' },
    ];
    const problems = rowProblems(rows);
    expect(problems.get(1)).toMatch(/names use only letters, digits and "_"/);
    expect(problems.get(2)).toMatch(/no spaces/);
    expect(problems.get(3)).toMatch(/needs a value/);
    expect(problems.get(4)).toMatch(/at most 64/);
    expect(problems.get(5)).toMatch(/twice/);
    expect(problems.has(6)).toBe(false);
    expect(problems.has(7)).toBe(false);
  });

  it('computes the change: set what is new or different, null what was removed', () => {
    const rows = rowsOf({ a: '1', b: '2' }).filter((r) => r.name !== 'b');
    rows.push({ key: 99, name: 'c', value: '3' });
    expect(variablesChange({ a: '1', b: '2' }, rows)).toEqual({ b: null, c: '3' });
  });
});
