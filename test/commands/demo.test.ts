// What the demo says on quitting with unapplied decisions: never a bare `clearance apply`, which
// would act on the user's real home rather than the (removed) demo home.
import { describe, expect, it } from 'vitest';
import { unappliedNote } from '../../src/commands/dashboard.js';
import { demoUnappliedNote } from '../../src/commands/demo.js';

describe('demo quit note', () => {
  it('without --keep: no apply command, and how to run clearance on your own data', () => {
    const note = demoUnappliedNote(2, null);
    expect(note).not.toContain('clearance apply');
    expect(note).toContain('2 demo decisions not applied; the demo home is removed with them');
    expect(note).toContain('run clearance');
  });

  it('with --keep: the apply command that acts on the kept demo, not on the real home', () => {
    const note = demoUnappliedNote(1, { home: '/tmp/d/home', root: '/tmp/d/root', db: '/tmp/d/db.sqlite' });
    expect(note).toContain('clearance apply --home /tmp/d/home --root /tmp/d/root --db /tmp/d/db.sqlite');
  });

  it('the dashboard itself still points at clearance apply', () => {
    expect(unappliedNote(1)).toBe(
      '1 decision saved but not applied — clearance apply, or A in the dashboard',
    );
  });
});
