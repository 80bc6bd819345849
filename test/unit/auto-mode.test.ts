import { describe, expect, it } from 'vitest';
import { survivesAutoMode } from '../../src/core/auto-mode.js';

describe('allow rules in auto mode (reference real-client.md §5)', () => {
  it.each([
    ['Bash', false],
    ['Bash(*)', false],
    ['Bash(python*)', false],
    ['Bash(python3 *)', false],
    ['Bash(node:*)', false],
    ['Bash(npm run *)', false],
    ['Bash(pnpm run:*)', false],
    ['Bash(npx *)', false],
    ['Agent', false],
    ['Agent(Explore)', false],
    ['Bash(pnpm run lint *)', true],
    ['Bash(npm run build *)', true],
    ['Bash(npm test)', true],
    ['Bash(npm test *)', true],
    ['Bash(cargo test *)', true],
    ['Bash(make build *)', true],
    ['Read(./**)', true],
    ['WebFetch(domain:docs.rs)', true],
  ])('%s survives: %s', (rule, survives) => {
    expect(survivesAutoMode(rule)).toBe(survives);
  });
});
