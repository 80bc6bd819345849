// Enter on a proposal: why clearance proposes it — redacted examples, sessions, projects, dates,
// the confidence inputs, and what else the rule would match. Esc goes back to the list.
import { Box, Text } from 'ink';
import type { Suggestion } from '../src/core/types.js';
import { day, fit } from './format.js';
import { useDashboard, type DecisionRecord } from './store.js';
import { isHygiene, kindMark, useTheme } from './theme.js';

/** The evidence lines for one proposal, cut to `height` rows. */
export function EvidenceView({ width, height }: { width: number; height: number }): React.ReactNode {
  const theme = useTheme();
  const suggestion = useDashboard((s) => s.suggestions.find((x) => x.id === s.evidenceId));
  const decision = useDashboard((s) => (s.evidenceId ? s.decisions[s.evidenceId] : undefined));
  if (!suggestion) return <Text dimColor>this proposal is gone (applied or rescanned) — Esc goes back</Text>;
  const lines = evidenceLines(suggestion, decision);
  return (
    <Box flexDirection="column">
      {lines.slice(0, height).map((line, i) => (
        <Text
          key={i}
          wrap="truncate"
          bold={line.bold}
          color={line.tone ? theme.status[line.tone] : undefined}
          dimColor={line.dim}
        >
          {line.text ? fit(line.text, width) : ' '}
        </Text>
      ))}
    </Box>
  );
}

interface Line {
  text: string;
  bold?: boolean;
  dim?: boolean;
  tone?: 'ok' | 'warn' | 'error' | 'info';
}

/** Plain lines of the evidence view (exported for the non-TTY summary and tests). */
export function evidenceLines(s: Suggestion, decision?: DecisionRecord): Line[] {
  const e = s.evidence;
  const ci = s.confidenceInputs;
  const lines: Line[] = [
    { text: `${kindMark[s.kind]}${isHygiene(s.kind) ? ' (hygiene)' : ''}  ${s.rule}`, bold: true },
    { text: `${s.reason}` },
    {
      text: `target ${s.target} (${s.scope}${s.project ? ` · ${s.project}` : ''}) · breadth ${s.level} · risk ${s.risk}`,
      dim: true,
    },
  ];
  if (s.replaces.length > 0) lines.push({ text: `replaces: ${s.replaces.join(', ')}` });
  if (decision)
    lines.push({
      text: `decided: ${decision.state}${decision.editedRule ? ` → ${decision.editedRule}` : ''}${
        decision.reason ? ` (“${decision.reason}”)` : ''
      }`,
      tone: decision.state === 'rejected' ? 'error' : 'ok',
    });
  lines.push({ text: '' });
  lines.push({
    text: `evidence  ${e.approvals} approved · ${e.denials} denied · ${e.sessions} sessions · ${e.projects} projects · ${day(
      e.firstSeen,
    )} → ${day(e.lastSeen)}`,
    bold: true,
  });
  lines.push({
    text: ci
      ? `confidence ${s.confidence.toFixed(2)} = wilson ${ci.wilsonLower.toFixed(2)} × spread ${ci.spread.toFixed(2)}  (weighted +${ci.weightedApprovals.toFixed(1)} / -${ci.weightedDenials.toFixed(1)}, ${ci.distinctDays} days, half-life ${ci.halfLifeDays} d)`
      : `confidence ${s.confidence.toFixed(2)}`,
  });
  lines.push({
    text: `saves ~${s.promptsSaved} prompts / 30 days · would have allowed ${s.deniedCovered} denied calls`,
    tone: s.deniedCovered > 0 ? 'error' : undefined,
  });
  if (!isHygiene(s.kind)) {
    const v = s.verify;
    lines.push(
      v
        ? { text: v.summary, tone: v.status === 'verified' ? 'ok' : 'error' }
        : { text: `not verified with your Claude Code yet: clearance verify ${s.id}`, dim: true },
    );
    for (const d of v?.disagreements.slice(0, 3) ?? []) {
      lines.push({
        text: `  ≠ ${d.command}: clearance ${d.clearance}, Claude Code ${d.client}`,
        tone: 'warn',
      });
    }
  }
  lines.push({ text: '' });
  lines.push({ text: 'examples (redacted)', bold: true });
  for (const example of s.examples.slice(0, 5)) lines.push({ text: `  $ ${example}` });
  if (s.alsoMatches.length > 0) {
    lines.push({ text: 'would also match (not in the evidence)', bold: true, tone: 'warn' });
    for (const other of s.alsoMatches.slice(0, 4)) lines.push({ text: `  ~ ${other}` });
  }
  if (s.alternatives.length > 0) {
    lines.push({ text: 'other breadths (e to pick)', bold: true });
    for (const alt of s.alternatives.slice(0, 4))
      lines.push({
        text: `  ${alt.rule}  saves ${alt.promptsSaved}${alt.deniedCovered > 0 ? ` · ✗ covers ${alt.deniedCovered} denied` : ''}${
          alt.blockedBy ? ` · ${alt.blockedBy}` : ''
        }`,
        dim: alt.deniedCovered > 0,
      });
  }
  return lines;
}
