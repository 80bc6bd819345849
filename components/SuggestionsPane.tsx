// Pane 1: pending proposals, most prompts saved first, windowed to the terminal height.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Suggestion } from '../src/core/types.js';
import { fit, fitRight, windowStart } from './format.js';
import { useDashboard, useDashboardStore, type DecisionRecord } from './store.js';
import { isHygiene, kindMark, riskTone, useTheme } from './theme.js';
import { verifyBadge } from '../src/core/verify.js';

const decisionMark: Record<DecisionRecord['state'], string> = { approved: '✓', rejected: '✗', edited: '✎' };

/** Column layout for a given inner width: the rule takes what is left. */
function columns(width: number): { rule: number; wide: boolean } {
  const wide = width >= 70;
  const fixed = wide ? 3 + 10 + 8 + 5 + 12 + 6 + 11 : 3 + 10 + 6 + 2;
  return { rule: Math.max(10, width - fixed), wide };
}

/** The heading line of the list. */
export function SuggestionsHeading({ width }: { width: number }): React.ReactNode {
  const { rule, wide } = columns(width);
  const text = wide
    ? `   ${fit('kind', 10)}${fit('rule', rule)}${fit('scope', 8)}${fitRight('conf', 4)} ${fit('risk', 12)}${fitRight('saved', 6)} ${fit('cc', 10)}`
    : `   ${fit('kind', 10)}${fit('rule', rule)}${fitRight('saved', 6)} ${fit('cc', 1)}`;
  return <Text bold>{fit(text, width)}</Text>;
}

/** One proposal row (memoized: scrolling re-renders only the rows whose props changed). */
export const SuggestionRow = memo(function SuggestionRow({
  suggestion,
  selected,
  marked,
  decision,
  width,
}: {
  suggestion: Suggestion;
  selected: boolean;
  marked: boolean;
  decision: DecisionRecord['state'] | undefined;
  width: number;
}) {
  const theme = useTheme();
  const { rule, wide } = columns(width);
  const s = suggestion;
  const prefix = `${selected ? '›' : ' '}${marked ? '*' : ' '}${decision ? decisionMark[decision] : ' '}`;
  const hygiene = isHygiene(s.kind);
  const risk = hygiene ? 'hygiene' : s.risk;
  const tone = hygiene ? undefined : theme.status[riskTone(s.risk)];
  return (
    <Text inverse={selected} wrap="truncate">
      <Text bold={marked}>{prefix}</Text>
      <Text color={theme.kind[s.kind]}>{fit(kindMark[s.kind], 10)}</Text>
      <Text strikethrough={decision === 'rejected'}>{fit(s.rule, rule)}</Text>
      {wide ? (
        <>
          <Text>{fit(s.scope, 8)}</Text>
          <Text>{fitRight(s.confidence.toFixed(2), 4)} </Text>
          <Text color={tone}>{fit(risk, 12)}</Text>
        </>
      ) : null}
      <Text>{fitRight(String(s.promptsSaved), 6)} </Text>
      {/* verified with the user's own Claude Code: ✓cc2.1.328 / ✗cc2.1.328 / · (never) */}
      <Text
        color={s.verify ? theme.status[s.verify.status === 'verified' ? 'ok' : 'error'] : undefined}
        dimColor={!s.verify}
      >
        {hygiene ? '' : fit(wide ? verifyBadge(s.verify) : verifyBadge(s.verify).slice(0, 1), wide ? 10 : 1)}
      </Text>
    </Text>
  );
});

/** Pane 1 body: heading and the visible window of rows. */
export function SuggestionsPane({ width, height }: { width: number; height: number }): React.ReactNode {
  const store = useDashboardStore();
  const rows = useDashboard((s) => store.selectors.suggestionRows(s));
  const cursor = useDashboard((s) => s.cursor.suggestions);
  const marked = useDashboard((s) => s.marked);
  const decisions = useDashboard((s) => s.decisions);
  const status = useDashboard((s) => s.status);
  const filter = useDashboard((s) => s.filter.suggestions);
  const listRows = Math.max(1, height - 1);
  const start = windowStart(cursor, listRows, rows.length);
  // Slice before Ink lays anything out: only the visible rows become elements.
  const visible = rows.slice(start, start + listRows);
  return (
    <Box flexDirection="column">
      <SuggestionsHeading width={width} />
      {visible.length === 0 ? (
        <Text dimColor>
          {status === 'loading'
            ? 'loading proposals…'
            : filter
              ? `no proposal matches “${filter}” — Esc clears the filter`
              : 'nothing needs a decision — every proposal is decided'}
        </Text>
      ) : (
        visible.map((s, i) => (
          <SuggestionRow
            key={s.id}
            suggestion={s}
            selected={start + i === cursor}
            marked={marked[s.id] === true}
            decision={decisions[s.id]?.state}
            width={width}
          />
        ))
      )}
    </Box>
  );
}
