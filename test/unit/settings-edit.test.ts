import { describe, expect, it } from 'vitest';
import type { RuleEdit } from '../../src/core/settings-edit.js';
import {
  detectIndent,
  editSettingsText,
  listsHolding,
  ruleFormProblem,
} from '../../src/core/settings-edit.js';

const add = (rule: string, list: 'allow' | 'ask' | 'deny' = 'allow'): RuleEdit => ({ op: 'add', list, rule });
const remove = (rule: string, list: 'allow' | 'ask' | 'deny' = 'allow'): RuleEdit => ({
  op: 'remove',
  list,
  rule,
});

describe('editSettingsText: adding keeps the file as it was written', () => {
  it.each([
    {
      name: '2-space array',
      before: '{\n  "permissions": {\n    "allow": [\n      "A"\n    ]\n  }\n}\n',
      after: '{\n  "permissions": {\n    "allow": [\n      "A",\n      "B"\n    ]\n  }\n}\n',
    },
    {
      name: '4-space array with two items',
      before:
        '{\n    "permissions": {\n        "allow": [\n            "A",\n            "C"\n        ]\n    }\n}',
      after:
        '{\n    "permissions": {\n        "allow": [\n            "A",\n            "C",\n            "B"\n        ]\n    }\n}',
    },
    {
      name: 'tabs',
      before: '{\n\t"permissions": {\n\t\t"allow": [\n\t\t\t"A"\n\t\t]\n\t}\n}\n',
      after: '{\n\t"permissions": {\n\t\t"allow": [\n\t\t\t"A",\n\t\t\t"B"\n\t\t]\n\t}\n}\n',
    },
    {
      name: 'minified',
      before: '{"permissions":{"allow":["A"]}}',
      after: '{"permissions":{"allow":["A","B"]}}',
    },
    {
      name: 'inline array',
      before: '{\n  "permissions": { "allow": ["A", "C"], "defaultMode": "default" }\n}\n',
      after: '{\n  "permissions": { "allow": ["A", "C", "B"], "defaultMode": "default" }\n}\n',
    },
    {
      name: 'empty array',
      before: '{\n  "permissions": {\n    "allow": []\n  }\n}\n',
      after: '{\n  "permissions": {\n    "allow": [\n      "B"\n    ]\n  }\n}\n',
    },
    {
      name: 'missing list',
      before: '{\n  "permissions": {\n    "deny": [\n      "X"\n    ]\n  }\n}\n',
      after:
        '{\n  "permissions": {\n    "deny": [\n      "X"\n    ],\n    "allow": [\n      "B"\n    ]\n  }\n}\n',
    },
    {
      name: 'missing permissions',
      before: '{\n  "env": {\n    "A": "1"\n  }\n}\n',
      after:
        '{\n  "env": {\n    "A": "1"\n  },\n  "permissions": {\n    "allow": [\n      "B"\n    ]\n  }\n}\n',
    },
    {
      name: 'empty object',
      before: '{}\n',
      after: '{\n  "permissions": {\n    "allow": [\n      "B"\n    ]\n  }\n}\n',
    },
    {
      name: 'CRLF line endings',
      before: '{\r\n  "permissions": {\r\n    "allow": [\r\n      "A"\r\n    ]\r\n  }\r\n}\r\n',
      after: '{\r\n  "permissions": {\r\n    "allow": [\r\n      "A",\r\n      "B"\r\n    ]\r\n  }\r\n}\r\n',
    },
    {
      name: 'non-string items and odd spacing stay',
      before: '{ "x" : 1.50, "permissions" : { "allow" : [ 1, "A" ] } }',
      after: '{ "x" : 1.50, "permissions" : { "allow" : [ 1, "A", "B" ] } }',
    },
  ])('$name', ({ before, after }) => {
    const result = editSettingsText(before, [add('B')]);
    expect(result.text).toBe(after);
    expect(result.added).toEqual(['allow: B']);
  });

  it('creates a new file with 2-space indentation and a trailing newline', () => {
    const result = editSettingsText(null, [add('Bash(cargo test *)'), add('Bash(rm *)', 'deny')]);
    expect(result.text).toBe(
      '{\n  "permissions": {\n    "allow": [\n      "Bash(cargo test *)"\n    ],\n    "deny": [\n      "Bash(rm *)"\n    ]\n  }\n}\n',
    );
  });

  it('escapes quotes and newlines the way JSON needs', () => {
    const result = editSettingsText('{"permissions":{"allow":[]}}', [add('Bash(echo "a\\nb")')]);
    expect(JSON.parse(result.text ?? '')).toEqual({ permissions: { allow: ['Bash(echo "a\\nb")'] } });
  });
});

describe('editSettingsText: removing and replacing', () => {
  const base = '{\n  "permissions": {\n    "allow": [\n      "A",\n      "B",\n      "C"\n    ]\n  }\n}\n';
  it.each([
    {
      name: 'first',
      edits: [remove('A')],
      after: '{\n  "permissions": {\n    "allow": [\n      "B",\n      "C"\n    ]\n  }\n}\n',
    },
    {
      name: 'middle',
      edits: [remove('B')],
      after: '{\n  "permissions": {\n    "allow": [\n      "A",\n      "C"\n    ]\n  }\n}\n',
    },
    {
      name: 'last',
      edits: [remove('C')],
      after: '{\n  "permissions": {\n    "allow": [\n      "A",\n      "B"\n    ]\n  }\n}\n',
    },
    {
      name: 'all',
      edits: [remove('A'), remove('B'), remove('C')],
      after: '{\n  "permissions": {\n    "allow": []\n  }\n}\n',
    },
    {
      name: 'replace at the first old position',
      edits: [{ op: 'replace', list: 'allow', rule: 'N', replaces: ['B', 'C'] } satisfies RuleEdit],
      after: '{\n  "permissions": {\n    "allow": [\n      "A",\n      "N"\n    ]\n  }\n}\n',
    },
    {
      name: 'replace the first item',
      edits: [{ op: 'replace', list: 'allow', rule: 'N', replaces: ['A'] } satisfies RuleEdit],
      after: '{\n  "permissions": {\n    "allow": [\n      "N",\n      "B",\n      "C"\n    ]\n  }\n}\n',
    },
    {
      name: 'replace with a rule already present',
      edits: [{ op: 'replace', list: 'allow', rule: 'C', replaces: ['A', 'B'] } satisfies RuleEdit],
      after: '{\n  "permissions": {\n    "allow": [\n      "C"\n    ]\n  }\n}\n',
    },
  ])('$name', ({ edits, after }) => {
    expect(editSettingsText(base, edits).text).toBe(after);
  });

  it('removing a rule written twice removes only the extra copy: the rule itself stays', () => {
    const result = editSettingsText('{"permissions":{"allow":["A","B","A","A"]}}', [remove('A')]);
    expect([result.text, result.outcomes[0]?.note]).toEqual([
      '{"permissions":{"allow":["A","B"]}}',
      'it was there 3 times; one copy kept',
    ]);
    expect(editSettingsText(result.text, [remove('A')]).text).toBe('{"permissions":{"allow":["B"]}}');
  });

  it('removes only from the named list', () => {
    const result = editSettingsText('{"permissions":{"allow":["A"],"deny":["A"]}}', [remove('A')]);
    expect(result.text).toBe('{"permissions":{"allow":[],"deny":["A"]}}');
  });
});

describe('editSettingsText: idempotence and refusals', () => {
  it.each([
    {
      name: 'adding a present rule',
      text: '{"permissions":{"allow":["A"]}}',
      edit: add('A'),
      note: 'already in permissions.allow',
    },
    {
      name: 'removing an absent rule',
      text: '{"permissions":{"allow":["A"]}}',
      edit: remove('B'),
      note: 'not in permissions.allow',
    },
  ])('$name changes nothing', ({ text, edit, note }) => {
    const result = editSettingsText(text, [edit]);
    expect([result.changed, result.text, result.outcomes[0]?.note]).toEqual([false, text, note]);
  });

  it('applying the same edits twice gives the same text', () => {
    const once = editSettingsText('{\n  "permissions": {}\n}\n', [add('A'), add('B', 'deny')]).text;
    const twice = editSettingsText(once, [add('A'), add('B', 'deny')]);
    expect([twice.changed, twice.text]).toEqual([false, once]);
  });

  it.each([
    { text: '{"permissions": {"allow": ["A",]}}', error: /^not valid JSON/ },
    { text: '', error: /^not valid JSON/ },
    { text: '// comment\n{}', error: /^not valid JSON/ },
    { text: '["A"]', error: 'the top level is not a JSON object' },
    { text: '{"permissions": []}', error: "'permissions' is not an object" },
    { text: '{"permissions": {"allow": "A"}}', error: "'permissions.allow' is not an array" },
    {
      text: '{"permissions": {}, "permissions": {"allow": []}}',
      error: "it has more than one 'permissions' key",
    },
    {
      text: '{"permissions": {"allow": [], "allow": ["A"]}}',
      error: "it has more than one 'permissions.allow' key",
    },
  ])('refuses the whole file: $text', ({ text, error }) => {
    const result = editSettingsText(text, [add('B')]);
    expect(result.text).toBeNull();
    expect(result.error).toMatch(error);
  });

  it.each([
    {
      rule: 'Write(/src/**)',
      list: 'allow',
      problem: 'Claude Code never consults Write(...) rules; use Edit(...)',
    },
    {
      rule: 'Glob(**/*.ts)',
      list: 'allow',
      problem: 'Claude Code never consults Glob(...) rules; use Read(...)',
    },
    {
      rule: 'MultiEdit(x)',
      list: 'deny',
      problem: 'Claude Code never consults MultiEdit(...) rules; use Edit(...)',
    },
    {
      rule: '*',
      list: 'allow',
      problem: "allow rules with a tool-name glob ('*') are skipped by Claude Code",
    },
    {
      rule: 'mcp__*',
      list: 'allow',
      problem: "allow rules with a tool-name glob ('mcp__*') are skipped by Claude Code",
    },
    {
      rule: 'Bash(command:ls)',
      list: 'allow',
      problem: 'Bash(command:...) is ignored by Claude Code; write Bash(<command>)',
    },
    { rule: 'Read(/home/me/x)', list: 'allow', problem: expect.stringContaining('write //home/me/x') },
    { rule: 'Bash(ls', list: 'allow', problem: "'Bash(ls' is not Tool or Tool(specifier) syntax" },
    { rule: ' Bash', list: 'allow', problem: 'rule has leading or trailing spaces' },
  ] as const)('never writes $rule to $list', ({ rule, list, problem }) => {
    const result = editSettingsText('{}', [add(rule, list)]);
    expect([result.changed, result.outcomes[0]?.status, result.outcomes[0]?.note]).toEqual([
      false,
      'refused',
      problem,
    ]);
  });

  it.each([
    { rule: '*', list: 'deny' },
    { rule: 'mcp__puppeteer__*', list: 'allow' },
    { rule: 'Read(//home/me/**)', list: 'allow' },
    { rule: 'Edit(/src/**)', list: 'allow' },
    { rule: 'WebFetch(domain:docs.python.org)', list: 'allow' },
    { rule: 'Bash(git commit -m "$(cat <<EOF\nx\nEOF\n)")', list: 'allow' },
    { rule: 'Write', list: 'deny' },
  ] as const)('accepts $rule in $list', ({ rule, list }) => {
    expect(ruleFormProblem(rule, list)).toBeNull();
  });
});

describe('helpers', () => {
  it.each([
    { text: '{\n  "a": 1\n}', unit: '  ' },
    { text: '{\n    "a": {\n        "b": 1\n    }\n}', unit: '    ' },
    { text: '{\n\t"a": 1\n}', unit: '\t' },
    { text: '{"a":1}', unit: '  ' },
  ])('detectIndent finds $unit', ({ text, unit }) => {
    expect(detectIndent(text)).toBe(unit);
  });

  it('listsHolding names the lists that hold a rule', () => {
    expect(listsHolding('{"permissions":{"allow":["A"],"ask":["B"],"deny":["A"]}}', ['A'])).toEqual([
      'allow',
      'deny',
    ]);
  });
});
