import { describe, expect, it } from 'vitest';
import { compareVersions, formatBashRule, parseRule } from '../../../src/core/rules/index.js';

describe('parseRule classification', () => {
  it.each([
    ['Bash', 'Bash', null, 'tool'],
    ['Bash(*)', 'Bash', '*', 'tool'],
    ['Bash(npm run build)', 'Bash', 'npm run build', 'bash-exact'],
    ['Bash(npm run test:*)', 'Bash', 'npm run test:*', 'bash-prefix'],
    ['Bash(git:* push)', 'Bash', 'git:* push', 'bash-wildcard'],
    ['Bash(npm run test *)', 'Bash', 'npm run test *', 'bash-wildcard'],
    ['Bash(ls*)', 'Bash', 'ls*', 'bash-wildcard'],
    ['Bash(* install)', 'Bash', '* install', 'bash-wildcard'],
    ['Bash(git * main)', 'Bash', 'git * main', 'bash-wildcard'],
    ['Bash(run_in_background:true)', 'Bash', 'run_in_background:true', 'param'],
    ['Read(//Users/alice/secrets/**)', 'Read', '//Users/alice/secrets/**', 'path'],
    ['Read(~/Documents/*.pdf)', 'Read', '~/Documents/*.pdf', 'path'],
    ['Edit(/src/**/*.ts)', 'Edit', '/src/**/*.ts', 'path'],
    ['Read(./.env)', 'Read', './.env', 'path'],
    ['Read(*.env)', 'Read', '*.env', 'path'],
    ['Write(/src/**)', 'Write', '/src/**', 'path'],
    ['WebFetch(domain:docs.python.org)', 'WebFetch', 'domain:docs.python.org', 'webfetch-domain'],
    ['WebFetch(domain:*)', 'WebFetch', 'domain:*', 'tool'],
    ['WebSearch', 'WebSearch', null, 'tool'],
    ['mcp__puppeteer', 'mcp__puppeteer', null, 'mcp-server'],
    ['mcp__puppeteer__*', 'mcp__puppeteer__*', null, 'tool-glob'],
    ['mcp__puppeteer__puppeteer_navigate', 'mcp__puppeteer__puppeteer_navigate', null, 'mcp-tool'],
    ['mcp__claude_ai_Gmail__search', 'mcp__claude_ai_Gmail__search', null, 'mcp-tool'],
    ['Agent(Explore)', 'Agent', 'Explore', 'agent'],
    ['Task(Explore)', 'Task', 'Explore', 'agent'],
    ['Agent(model:opus)', 'Agent', 'model:opus', 'param'],
    ['*', '*', null, 'tool-glob'],
    ['mcp__*', 'mcp__*', null, 'tool-glob'],
    ['Skill(deploy *)', 'Skill', 'deploy *', 'specifier'],
    ['Bash(echo (x))', 'Bash', 'echo (x)', 'bash-exact'],
  ])('%j → tool %j, specifier %j, form %j', (raw, tool, specifier, form) => {
    expect(parseRule(raw)).toMatchObject({ raw, tool, specifier, form });
  });

  it.each([
    ['Read(//Users/alice/secrets/**)', 'root'],
    ['Read(~/Documents/*.pdf)', 'home'],
    ['Edit(/src/**/*.ts)', 'settings'],
    ['Read(/Users/alice/file)', 'settings'],
    ['Read(./.env)', 'cwd'],
    ['Edit(src/**)', 'cwd'],
    ['Read(.env)', 'anywhere'],
    ['Read(*.env)', 'anywhere'],
  ])('path rule %j is anchored at %j', (raw, anchor) => {
    expect(parseRule(raw)).toMatchObject({ form: 'path', anchor });
  });

  it('maps Task to Agent', () => {
    expect(parseRule('Task(Plan)')).toMatchObject({ canonicalTool: 'Agent' });
  });

  it.each(['', '   ', 'Bash(', 'Bash()', 'Bash)x', '(x)', 'Ba sh(x)'])(
    '%j is an error, not a throw',
    (raw) => {
      expect(parseRule(raw)).toHaveProperty('error');
    },
  );
});

describe('formatBashRule', () => {
  it.each([
    [['npm', 'test'], true, '2.1.38', 'Bash(npm test *)'],
    [['npm', 'test'], true, '2.1.0', 'Bash(npm test *)'],
    [['npm', 'test'], true, '2.0.76', 'Bash(npm test:*)'],
    [['npm', 'test'], true, null, 'Bash(npm test:*)'],
    [['git', 'diff', '--stat'], false, '2.1.38', 'Bash(git diff --stat)'],
    [[], true, '2.1.38', 'Bash'],
  ] as const)('%j wildcard=%j version=%j → %j', (words, wildcard, version, rule) => {
    expect(formatBashRule(words, wildcard, version)).toBe(rule);
  });

  it('writes rules that parse back to the same form', () => {
    expect(parseRule(formatBashRule(['cargo', 'test'], true, '2.1.0'))).toMatchObject({
      form: 'bash-wildcard',
    });
    expect(parseRule(formatBashRule(['cargo', 'test'], true, '1.0.0'))).toMatchObject({
      form: 'bash-prefix',
      pattern: 'cargo test',
    });
  });
});

describe('compareVersions', () => {
  it.each([
    ['2.1.0', '2.0.99', 1],
    ['2.1.0', '2.1.0', 0],
    ['2.1', '2.1.0', 0],
    ['1.0.123', '2.1.0', -1],
    ['2.1.10', '2.1.9', 1],
    ['v2.1.38', '2.1.38', 0],
    ['2.1.0-beta.1', '2.1.0', 0],
  ])('%j vs %j → %j', (a, b, sign) => {
    expect(compareVersions(a, b)).toBe(sign);
  });
});
