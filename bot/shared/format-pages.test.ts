import { expect, it } from 'vitest';
import { formatPages } from './format-pages.ts';

it('writes pages as people do: single, ranges, gaps, unsorted and repeated input', () => {
  expect(formatPages([])).toBe('');
  expect(formatPages([4])).toBe('p. 4');
  expect(formatPages([3, 4, 5])).toBe('pp. 3–5');
  expect(formatPages([9, 3, 4, 4, 12, 11])).toBe('pp. 3–4, 9, 11–12');
});
