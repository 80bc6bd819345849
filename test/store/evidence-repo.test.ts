import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../src/core/types.js';
import { openDb } from '../../src/store/db.js';
import { EvidenceRepo, transcriptAnswer } from '../../src/store/evidence-repo.js';

const OUTCOMES: CallOutcome[] = [
  'success',
  'error',
  'user-rejected',
  'rule-denied',
  'classifier-denied',
  'mode-denied',
  'cancelled',
  'no-result',
];

describe('transcript answers at insert', () => {
  // Ingest inserts rows with the answer computed in JS; later results and re-attribution update
  // them in SQL. Both must say the same, or a call's answer would depend on which arrived first.
  it('inserting a call with its result gives the same answer as inserting it bare and applying the result', () => {
    const db = openDb(':memory:');
    const repo = new EvidenceRepo(db);
    let n = 0;
    const call = (inferred: 0 | 1) => ({
      id: `toolu_${++n}`,
      sessionId: 's',
      agentId: null,
      sidechain: false,
      ts: 1,
      cwd: '/p',
      project: '/p',
      version: null,
      permissionMode: null,
      tool: 'Bash',
      inputJson: '{}',
      inputHash: 'h',
      command: 'make',
      messageId: null,
      inferredPrompted: inferred,
    });
    const read = db.prepare<[string], Record<string, unknown>>(
      'SELECT outcome, result_outcome, prompted, prompted_basis, answer, answer_basis FROM tool_calls WHERE id = ?',
    );
    const seen = new Set<string>();
    for (const outcome of OUTCOMES) {
      for (const inferred of [0, 1] as const) {
        const together = call(inferred);
        repo.insertCall(
          together,
          outcome === 'no-result' ? null : { outcome, reason: null, denialKind: null },
        );
        const apart = call(inferred);
        repo.insertCall(apart);
        if (outcome !== 'no-result') repo.applyResult(apart.id, outcome, null, null);
        const row = read.get(together.id)!;
        expect(row, `${outcome}, inferred ${inferred}`).toEqual(read.get(apart.id));
        seen.add(String(row.answer));
      }
    }
    // the table covers every answer the derivation can give
    expect([...seen].sort()).toEqual(['approved', 'denied', 'not-prompted', 'unknown']);
  });

  it('an exact decision gives the same answer inserted with its call, applied later, or resolved from pending', () => {
    const db = openDb(':memory:');
    const repo = new EvidenceRepo(db);
    let n = 0;
    const call = (id: string) => ({
      id,
      sessionId: 's',
      agentId: null,
      sidechain: false,
      ts: 1,
      cwd: '/p',
      project: '/p',
      version: '2.1.328',
      permissionMode: null,
      tool: 'Bash',
      inputJson: '{}',
      inputHash: 'h',
      command: 'make',
      messageId: null,
      inferredPrompted: 1 as const,
    });
    const read = db.prepare<[string], Record<string, unknown>>(
      `SELECT outcome, prompted, prompted_basis, answer, answer_basis, entrypoint, decision_json, decision_kind
       FROM tool_calls WHERE id = ?`,
    );
    const exacts = [
      {
        json: '{"decision":"accept","source":"user_permanent"}',
        kind: 'user-always',
        prompted: 1,
        answer: 'approved',
      },
      {
        json: '{"decision":"accept","source":"config"}',
        kind: 'config-allow',
        prompted: 0,
        answer: 'not-prompted',
      },
      {
        json: '{"decision":"reject","source":"config"}',
        kind: 'needs-permission',
        prompted: 0,
        answer: 'not-prompted',
      },
      { json: '{"decision":"maybe"}', kind: 'unknown', prompted: null, answer: null },
    ] as const;
    for (const e of exacts) {
      const exact = { ...e, entrypoint: 'sdk-cli' };
      const outcome = e.kind === 'needs-permission' ? 'mode-denied' : 'success';
      const ids = [`a${++n}`, `b${n}`, `c${n}`];
      repo.insertCall(call(ids[0]!), { outcome, reason: null, denialKind: null, exact });
      repo.insertCall(call(ids[1]!));
      repo.applyResult(ids[1]!, outcome, null, null, exact);
      // the result first (its call in a later file), then the call
      repo.applyResult(ids[2]!, outcome, null, null, exact);
      repo.insertCall(call(ids[2]!));
      repo.resolvePending();
      const rows = ids.map((id) => read.get(id));
      expect(rows[1], e.kind).toEqual(rows[0]);
      expect(rows[2], e.kind).toEqual(rows[0]);
      expect(rows[0]!.prompted_basis, e.kind).toBe(e.prompted === null ? 'inferred' : 'transcript-exact');
    }
  });

  it('a call without an inference has neither a prompted flag nor a basis', () => {
    expect(transcriptAnswer('success', null)).toEqual({
      prompted: null,
      promptedBasis: null,
      answer: 'unknown',
      answerBasis: null,
    });
    expect(transcriptAnswer('user-rejected', null).answer).toBe('denied');
  });
});

describe('stored segments', () => {
  // Learning and replay judge rules on stored segments: a construct the client will not
  // auto-allow, or an env value it does not accept, must survive the round trip, or a rule would be
  // counted as covering `npm run $(x)` or `LANG=1 npm test`.
  it('keep their construct and env-value verdict, and only the verdict', async () => {
    const { loadBashParser } = await import('../../src/sources/bash-grammar.js');
    const { parseCommand } = await import('../../src/core/shell/parse-command.js');
    const { segmentsOf } = await import('../../src/store/evidence-repo.js');
    const parser = await loadBashParser();
    const db = openDb(':memory:');
    const repo = new EvidenceRepo(db);
    const commands = ['npm run $(echo build)', 'LANG=1 npm test', 'LANG=C npm test', 'npm test'];
    commands.forEach((command, i) =>
      repo.insertSegments(`toolu_${i}`, parseCommand(parser, command).segments),
    );
    const read = commands.map((_c, i) => segmentsOf(db, `toolu_${i}`)[0]);
    expect(read.map((s) => [s?.construct ?? null, s?.envSafe ?? null])).toEqual([
      ['command-substitution', null],
      [null, false],
      [null, true],
      [null, null],
    ]);
    const raw = JSON.stringify(db.prepare('SELECT * FROM segments').all());
    expect(raw).not.toContain('LANG=1');
  });
});
