import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecisionState, Suggestion } from '../../src/core/types.js';
import { openDb } from '../../src/store/db.js';
import {
  editedRuleFor,
  filterRemembered,
  findApply,
  latestDecisions,
  recordApply,
  recordDecision,
} from '../../src/store/decisions-repo.js';
import { suggestion } from '../helpers/suggestion-builder.js';

const target = path.join('/home/me/code/p/.claude/settings.local.json');
const now = new Date('2026-11-24T04:40:00Z');

function withEvidence(base: Suggestion, approvals: number, projects: number): Suggestion {
  return { ...base, evidence: { ...base.evidence, approvals, projects } };
}

describe('decision memory', () => {
  it.each([
    { history: [], approvals: 12, projects: 1, proposed: true, why: 'never decided' },
    { history: ['approved'], approvals: 12, projects: 1, proposed: true, why: 'approved, not yet applied' },
    { history: ['rejected'], approvals: 12, projects: 1, proposed: false, why: 'rejected, same evidence' },
    {
      history: ['rejected'],
      approvals: 23,
      projects: 1,
      proposed: false,
      why: 'rejected, evidence short of doubling',
    },
    { history: ['rejected'], approvals: 24, projects: 1, proposed: true, why: 'rejected, evidence doubled' },
    {
      history: ['rejected'],
      approvals: 12,
      projects: 2,
      proposed: true,
      why: 'rejected, a new project adopted it',
    },
    { history: ['applied'], approvals: 100, projects: 9, proposed: false, why: 'applied: never again' },
    {
      history: ['applied', 'undone'],
      approvals: 12,
      projects: 1,
      proposed: true,
      why: 'applied then undone',
    },
    {
      history: ['rejected', 'approved'],
      approvals: 12,
      projects: 1,
      proposed: true,
      why: 'rejection taken back',
    },
  ] satisfies {
    history: DecisionState[];
    approvals: number;
    projects: number;
    proposed: boolean;
    why: string;
  }[])('$why → proposed: $proposed', ({ history, approvals, projects, proposed }) => {
    const db = openDb(':memory:');
    const s = suggestion({ id: 'p1', rule: 'Bash(cargo test *)', target });
    for (const state of history) recordDecision(db, { suggestion: s, state, actor: 'dashboard', now });
    expect(filterRemembered(db, [withEvidence(s, approvals, projects)]).length).toBe(proposed ? 1 : 0);
  });

  it('an applied rule is not proposed again under another id', () => {
    const db = openDb(':memory:');
    const s = suggestion({ id: 'old-id', rule: 'Bash(cargo test *)', target });
    recordDecision(db, { suggestion: s, state: 'applied', applyId: 'x', actor: 'yes', now });
    expect(filterRemembered(db, [{ ...s, id: 'new-id' }])).toEqual([]);
  });

  it('an edited breadth holds through approval, and ends with a rejection', () => {
    const db = openDb(':memory:');
    const s = suggestion({ id: 'e1', rule: 'Bash(cargo test -p core *)', target });
    recordDecision(db, {
      suggestion: s,
      state: 'edited',
      editedRule: 'Bash(cargo test *)',
      actor: 'dashboard',
      now,
    });
    recordDecision(db, { suggestion: s, state: 'approved', actor: 'dashboard', now });
    const held = editedRuleFor(db, 'e1');
    recordDecision(db, { suggestion: s, state: 'rejected', reason: 'too broad', actor: 'dashboard', now });
    expect([held, editedRuleFor(db, 'e1')]).toEqual(['Bash(cargo test *)', null]);
    expect(latestDecisions(db).get('e1')).toMatchObject({
      state: 'rejected',
      reason: 'too broad',
      approvals: 12,
    });
  });

  it('records applies with their files, newest first for undo', () => {
    const db = openDb(':memory:');
    const file = {
      path: target,
      beforeHash: null,
      afterHash: 'h',
      backupPath: null,
      added: ['allow: A'],
      removed: [],
    };
    recordApply(db, { id: 'a1', ts: 1, actor: 'yes', files: [file] });
    recordApply(db, { id: 'a2', ts: 2, actor: 'interactive', files: [file] });
    expect(findApply(db)).toEqual({ id: 'a2', ts: 2, actor: 'interactive', undoneTs: null, files: [file] });
    expect(findApply(db, 'a1')?.actor).toBe('yes');
  });
});
