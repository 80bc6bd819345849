import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/core/unified-diff.js';

const labels = { oldLabel: 'a/s.json', newLabel: 'b/s.json' };

describe('unifiedDiff', () => {
  it.each([
    { name: 'equal texts', before: 'a\nb\n', after: 'a\nb\n', diff: '' },
    {
      name: 'one line added',
      before: 'a\nb\nc\n',
      after: 'a\nb\nX\nc\n',
      diff: '--- a/s.json\n+++ b/s.json\n@@ -1,3 +1,4 @@\n a\n b\n+X\n c\n',
    },
    {
      name: 'one line changed far from the start',
      before: '1\n2\n3\n4\n5\n6\n7\n8\n',
      after: '1\n2\n3\n4\n5\nsix\n7\n8\n',
      diff: '--- a/s.json\n+++ b/s.json\n@@ -3,6 +3,6 @@\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n',
    },
    {
      name: 'missing newline at end of file',
      before: '{\n  "a": 1\n}',
      after: '{\n  "a": 1,\n  "b": 2\n}',
      diff: '--- a/s.json\n+++ b/s.json\n@@ -1,3 +1,4 @@\n {\n-  "a": 1\n+  "a": 1,\n+  "b": 2\n }\n\\ No newline at end of file\n',
    },
  ])('$name', ({ before, after, diff }) => {
    expect(unifiedDiff(before, after, labels)).toBe(diff);
  });

  it('shows a new file against /dev/null', () => {
    expect(unifiedDiff(null, '{}\n', { oldLabel: null, newLabel: 'b/s.json' })).toBe(
      '--- /dev/null\n+++ b/s.json\n@@ -0,0 +1 @@\n+{}\n',
    );
  });

  it('splits distant changes into separate hunks', () => {
    const before = Array.from({ length: 30 }, (_, i) => `${i}\n`).join('');
    const after = before.replace('2\n', 'two\n').replace('27\n', 'twenty-seven\n');
    expect(unifiedDiff(before, after, labels).match(/^@@/gm)).toHaveLength(2);
  });
});
